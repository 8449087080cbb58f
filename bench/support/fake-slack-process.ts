/**
 * The fake Slack in a process of its own for the ingest benchmark, so the work it does for the bot (answering its
 * Web API calls) never delays the load generator's clock. A small control API posts alert messages the way an
 * integration would, counts the triage threads and lists the bot's own group messages. Prints `{"api":…,"control":N} fake slack ready`.
 */
import { createServer } from 'node:http';
import { FakeSlack } from '../../test/fake-slack/server.js';

const ALERTS = 'C0ALERTS';
/** A second alert channel for the warm-up, so its groups and replies are not counted with the measured storm's. */
const WARM_UP = 'C0WARMUP';
/** The channel of a second measured storm (the bot warm from the first), so its groups are new as the first's were. */
const SECOND = 'C0ALERTS2';
const CHANNELS: Record<string, string> = { 'warm-up': WARM_UP, second: SECOND };
const fake = await FakeSlack.start({ botToken: process.env.SLACK_BOT_TOKEN ?? '', botUserId: 'U0BOT' });
fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
fake.addChannel({ id: WARM_UP, name: 'alerts-warm-up', members: ['U0BOT'] });
fake.addChannel({ id: SECOND, name: 'alerts-second', members: ['U0BOT'] });

/** Posts `count` Alertmanager-style messages spread over `groups` problems; answers their events. */
function post(channel: string, from: number, count: number, groups: number): unknown[] {
  return Array.from({ length: count }, (_, k) => {
    const n = (from + k) % groups;
    const title = `[FIRING:1] StormAlert${n} service-${n}`;
    const text = [`*Alert:* Storm alert ${n} - \`critical\``, '*Description:* synthetic storm', '*Details:*', `  • *alertname:* \`StormAlert${n}\``, `  • *service:* \`service-${n}\``].join('\n');
    const attachments = [{ color: 'danger', title, text, fallback: title }];
    const ts = fake.postMessage(channel, { botId: 'B0AM', text: '', attachments });
    return { type: 'message', subtype: 'bot_message', channel, ts, event_ts: ts, bot_id: 'B0AM', username: 'alertmanager', text: '', attachments };
  });
}

const control = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://control');
  const channel = CHANNELS[url.searchParams.get('channel') ?? ''] ?? ALERTS;
  let body: unknown;
  if (url.pathname === '/post') body = post(channel, Number(url.searchParams.get('from')), Number(url.searchParams.get('count')), Number(url.searchParams.get('groups')));
  else if (url.pathname === '/threads') body = { threads: new Set(fake.messages(channel, { includeReplies: true }).filter((m) => m.user === 'U0BOT' && m.thread_ts).map((m) => m.thread_ts)).size };
  // The bot's own messages at the top of the alert channel: one per group of a webhook source.
  else if (url.pathname === '/group-messages') body = { texts: fake.messages(ALERTS).filter((m) => m.user === 'U0BOT').map((m) => m.text) };
  else if (url.pathname === '/reset') {
    // A fresh alert channel for the next run.
    for (const m of fake.messages(ALERTS, { includeReplies: true })) fake.deleteMessage(ALERTS, m.ts);
    body = { ok: true };
  }
  res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body ?? {}));
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
const address = control.address();
console.log(`${JSON.stringify({ api: `${fake.url}/api/`, control: typeof address === 'object' && address ? address.port : 0 })} fake slack ready`);
process.on('SIGTERM', () => void fake.stop().then(() => process.exit(0)));
