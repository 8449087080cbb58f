import { describe, expect, it } from 'vitest';
import type { AlertGroup } from '../../app/triage-ports.js';
import { messages } from '../../i18n/index.js';
import { anAlertGroup } from '../../../test/support/alert-group.js';
import { renderTriageReply } from './triage-reply.js';

const at = new Date('2026-11-24T10:00:00Z');

function group(firing: number, alertCount: number, status: 'firing' | 'resolved' = 'firing'): AlertGroup {
  return anAlertGroup({
    id: 7,
    fingerprint: 'alertmanager|highrequestlatency|checkout',
    fields: { alertname: 'highrequestlatency', service: 'checkout' },
    channelId: 'C0ALERTS',
    threadTs: '1795600800.000100',
    first: { source: 'alertmanager', name: 'HighRequestLatency', severity: 'critical', service: 'checkout', summary: 'p99 above 1s', link: null },
    subject: null,
    counts: { status, firing, alertCount, firstSeenAt: at, lastSeenAt: at, resolvedAt: status === 'resolved' ? at : null },
  });
}

/** Everything a person reads in the reply, as one string. */
function shown(reply: { text: string; blocks: unknown[] }): string {
  return JSON.stringify(reply.blocks);
}

const render = (g: AlertGroup, locale: 'en' | 'ko' = 'en'): { text: string; blocks: unknown[] } =>
  renderTriageReply({ group: g, incident: null, groupWindowMs: 3_600_000, now: at, t: messages(locale) });

describe('the triage reply says what each count counts', () => {
  it('names instances in the header and messages in the fields, and says why they differ', () => {
    const reply = render(group(8, 6));
    expect(reply.text).toBe('HighRequestLatency · 🔥 Firing: 8 instances · 6 alert messages');
    expect(shown(reply)).toContain('🔥 Firing: 8 instances');
    expect(shown(reply)).toContain('*Messages*\\n6 alert messages\\n_every post counts, repeats and recoveries too; one post can report several instances_');
    expect(shown(reply)).not.toMatch(/Count|Firing \(/);
  });

  it('says nothing more when both are the same number', () => {
    const reply = render(group(1, 1));
    expect(shown(reply)).toContain('🔥 Firing: 1 instance');
    expect(shown(reply)).toContain('*Messages*\\n1 alert message"');
    expect(shown(reply)).not.toContain('every post counts');
  });

  it('counts only messages once the group is resolved', () => {
    const reply = render(group(0, 4, 'resolved'));
    expect(reply.text).toBe('HighRequestLatency · ✅ Resolved · 4 alert messages');
    expect(shown(reply)).not.toContain('every post counts');
  });

  it('says the same in Korean', () => {
    const reply = render(group(8, 6), 'ko');
    expect(reply.text).toBe('HighRequestLatency · 🔥 발생 중: 인스턴스 8개 · 알림 메시지 6건');
    expect(shown(reply)).toContain('*메시지*\\n알림 메시지 6건\\n_반복·해소 메시지도 모두 한 건으로 세며, 메시지 하나가 인스턴스 여러 개를 알릴 수 있습니다_');
  });
});
