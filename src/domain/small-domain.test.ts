import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';
import { findSeverity, type Severity } from './severity.js';
import { alertIncidentTitle } from './alert-title.js';
import { validateTitle } from './lifecycle.js';
import { escapeStrayMarkup, escapeText, truncate } from './slack-text.js';

const severities: Severity[] = ['SEV1', 'SEV2'].map((label) => ({ id: label.toLowerCase(), label, description: '', announce: true }));

describe('durations', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toEqual({ ok: true, value: ms }));

  it.each(['', '15', 'm', '0m', '1 hour', '-5m'])('refuses %j', (text) => expect(parseDuration(text).ok).toBe(false));

  it('formats the two largest units', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(7_500_000)).toBe('2h 5m');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 60_000)).toBe('3d 4h');
  });
});

describe('severity input', () => {
  it.each(['sev1', 'SEV1', 'Sev1', '1'])('%s means SEV1', (input) => expect(findSeverity(input, severities)?.id).toBe('sev1'));
  it.each(['sev9', '9', 'critical', ''])('%j is unknown', (input) => expect(findSeverity(input, severities)).toBeUndefined());
});

describe('untrusted text', () => {
  it('can never ping a channel or a user, or inject a link', () => {
    expect(escapeText('<!channel> hi <@U123> <https://evil|click>')).toBe('&lt;!channel&gt; hi &lt;@U123&gt; &lt;https://evil|click&gt;');
    expect(escapeText('@here look')).not.toMatch(/@here/);
    expect(escapeText('a & b')).toBe('a &amp; b');
  });

  it('escapes what is not Slack markup in the bot’s own text, and keeps the markup it means', () => {
    expect(escapeStrayMarkup('`/incident update <text>` · `/incident reopen <사유>`')).toBe('`/incident update &lt;text&gt;` · `/incident reopen &lt;사유&gt;`');
    expect(escapeStrayMarkup('p99 < 300 ms & errors > 1%')).toBe('p99 &lt; 300 ms &amp; errors &gt; 1%');
    const markup = '<@U0BOB> in <#C0INC|inc-1> at <!date^1700000000^{time}|10:13> <!here> <https://grafana.example/d?a=1&amp;b=2|dashboard> <mailto:sre@example.com>';
    expect(escapeStrayMarkup(markup)).toBe(markup);
    const user = escapeText('a <b> & <@U1>');
    expect(escapeStrayMarkup(user)).toBe(user);
    expect(escapeStrayMarkup(escapeStrayMarkup('x <y> & z'))).toBe(escapeStrayMarkup('x <y> & z'));
  });

  it('titles an alert-born incident from the alert, shortened visibly (never silently) past the title limit', () => {
    expect(alertIncidentTitle({ name: 'HighErrorRate', service: 'checkout' })).toBe('HighErrorRate · checkout');
    const long = alertIncidentTitle({ name: `KubePodCrashLooping ${'namespace=payments pod=api-7f9c '.repeat(6)}`.trim(), service: 'payments-api' });
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('…')).toBe(true);
    expect(validateTitle(long)).toEqual({ ok: true, value: long });
  });

  it('truncates on a word boundary and marks the cut', () => {
    expect(truncate('the quick brown fox jumps', 15)).toBe('the quick…');
    expect(truncate('short', 15)).toBe('short');
  });
});
