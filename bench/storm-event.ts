import type { FakeSlack } from '../test/fake-slack/server.js';
import type { SignedSlackClient } from '../test/fake-slack/slack-client.js';

/**
 * Alert `i` of a synthetic storm: an Alertmanager notification posted in `channel` (so its thread exists for the triage
 * reply) and the Events API event Slack sends for it. Alert `i` belongs to group `i % groups`.
 */
export function stormAlertEvent(fake: FakeSlack, channel: string, i: number, groups: number) {
  const n = i % groups;
  const firing = 1 + (i % 3);
  const title = `[FIRING:${firing}] StormAlert${n} service-${n}`;
  const text = [`*Alert:* Storm alert ${n} - \`critical\``, '*Description:* synthetic storm', '*Details:*', `  • *alertname:* \`StormAlert${n}\``, `  • *service:* \`service-${n}\``].join('\n');
  const attachments = [{ color: 'danger', title, text, fallback: title }];
  const ts = fake.postMessage(channel, { botId: 'B0AM', text: '', attachments });
  return { type: 'message', subtype: 'bot_message', channel, ts, event_ts: ts, bot_id: 'B0AM', username: 'alertmanager', text: '', attachments };
}

/**
 * Sends `total` storm alerts to the bot through `clients` in turn (several replicas, or one), `concurrency` in flight;
 * every one must be acknowledged with 200. Returns the ack latencies, sorted, and how long sending took.
 */
export async function sendStorm(
  fake: FakeSlack,
  channel: string,
  clients: readonly SignedSlackClient[],
  o: { total: number; groups: number; concurrency: number },
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (next < o.total) {
        const i = next++;
        const event = stormAlertEvent(fake, channel, i, o.groups);
        const t0 = performance.now();
        const response = await (clients[i % clients.length] as SignedSlackClient).event(event, { eventId: `EvStorm${i}` });
        latencies.push(performance.now() - t0);
        if (response.status !== 200) throw new Error(`ack failed: ${response.status}`);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}
