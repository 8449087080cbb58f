import { describe, expect, it } from 'vitest';
import { formatSlackDate, linksOnly, mrkdwn, plainText } from '../../playground/web/mrkdwn.js';
import { renderContext } from './render-context.js';

const ctx = renderContext();

describe("the page's mrkdwn", () => {
  it('draws bold, italic, strike, code, code blocks, quotes and emoji as Slack does', () => {
    expect(mrkdwn('*Severity*\nSEV1', ctx)).toBe('<b>Severity</b><br>SEV1');
    expect(mrkdwn('_why_ ~old~ `kubectl get pods`', ctx)).toBe('<i>why</i> <s>old</s> <code>kubectl get pods</code>');
    expect(mrkdwn('```\nline 1\n*not bold*\n```', ctx)).toBe('<pre class="code-block">line 1\n*not bold*\n</pre>');
    expect(mrkdwn('&gt; quoted\nafter', ctx)).toBe('<blockquote>quoted</blockquote>after');
    expect(mrkdwn('on :fire: and :no_such_emoji:', ctx)).toBe('on 🔥 and :no_such_emoji:');
    expect(mrkdwn('a*b*c and snake_case_name', ctx)).toBe('a*b*c and snake_case_name');
  });

  it('turns mentions and channels into names, and highlights the reader', () => {
    expect(mrkdwn('<@U0BOB> → <@U0ALICE>', ctx)).toBe(
      '<span class="mention" data-user="U0BOB">@bob</span> → <span class="mention mention-me" data-user="U0ALICE">@alice</span>',
    );
    expect(mrkdwn('see <#C0ALERTS> and <#C0NOPE|old-name>', ctx)).toContain('#alerts</a> and <a class="channel-link" href="#" data-goto-channel="C0NOPE">#old-name</a>');
    expect(mrkdwn('*<@U0BOB>* leads', ctx)).toBe('<b><span class="mention" data-user="U0BOB">@bob</span></b> leads');
    expect(mrkdwn('<!here> look', ctx)).toBe('<span class="mention broadcast">@here</span> look');
  });

  it('formats <!date^…> tokens in the reader’s zone, relative to the playground clock', () => {
    const epoch = Date.parse('2026-11-23T05:04:00Z') / 1000;
    expect(formatSlackDate(epoch, '{date_short_pretty} {time}', ctx)).toBe('today 5:04 AM');
    expect(formatSlackDate(epoch, '{date_num} · {date} · {date_long}', ctx)).toBe('2026-11-23 · November 23rd, 2026 · Monday, November 23rd, 2026');
    expect(formatSlackDate(epoch - 86_400, '{date_pretty}', ctx)).toBe('yesterday');
    expect(formatSlackDate(epoch - 3 * 86_400, '{date_short_pretty}', ctx)).toBe('Nov 20, 2026');
    expect(formatSlackDate(epoch, '{ago}', ctx)).toBe('1 hour ago');
    expect(mrkdwn(`<!date^${epoch}^{date_short_pretty} {time}|2026-11-23 05:04 UTC>`, ctx)).toContain('>today 5:04 AM</time>');
    expect(mrkdwn('<!date^oops^{time}|fallback text>', ctx)).toBe('fallback text');
  });

  it('links only http(s) and mailto, and never lets text become HTML', () => {
    expect(mrkdwn('<https://grafana.example.com/d/1?a=1&amp;b=2|the dashboard>', ctx)).toBe(
      '<a href="https://grafana.example.com/d/1?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">the dashboard</a>',
    );
    expect(mrkdwn('<javascript:alert(1)|click me>', ctx)).toBe('click me');
    // Anything else in <…> is taken for a link too: a placeholder that was not escaped vanishes, as in Slack.
    expect(mrkdwn('`/incident update <text>` and <사유>', ctx)).toBe('<code>/incident update </code> and ');
    expect(mrkdwn('`/incident update &lt;text&gt;`', ctx)).toBe('<code>/incident update &lt;text&gt;</code>');
    expect(mrkdwn('<example.com/status>', ctx)).toBe('example.com/status');
    expect(mrkdwn('&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"', ctx)).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(mrkdwn('<https://x.example/"onmouseover="alert(1)|x>', ctx)).not.toContain('"onmouseover');
    expect(mrkdwn('runbook: https://wiki.example/runbook?x=1&amp;y=2.', ctx)).toBe(
      'runbook: <a href="https://wiki.example/runbook?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">https://wiki.example/runbook?x=1&amp;y=2</a>.',
    );
    expect(plainText('<b>not bold</b> :fire:')).toBe('&lt;b&gt;not bold&lt;/b&gt; 🔥');
    expect(linksOnly('*kept* <https://a.example|a>', ctx)).toBe('*kept* <a href="https://a.example" target="_blank" rel="noopener noreferrer">a</a>');
  });
});
