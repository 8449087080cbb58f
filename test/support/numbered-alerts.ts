import type { FakeSlack } from '../fake-slack/server.js';

/**
 * Alertmanager's default Slack post for problem `n` (DiskFull<n> on storage-<n>), posted in `channel` and returned as
 * the `message` event Slack delivers for it: alerts of one `n` group together, each post counts once.
 */
export function numberedAlert(fake: FakeSlack, channel: string, n: number): Record<string, unknown> {
  const title = `[FIRING:1] DiskFull${n} storage-${n}`;
  const attachments = [{ color: 'danger', title, text: `*Alert:* disk full ${n} - \`critical\`\n*Details:*\n  • *alertname:* \`DiskFull${n}\`\n  • *service:* \`storage-${n}\``, fallback: title }];
  const ts = fake.postMessage(channel, { botId: 'B0AM', text: '', attachments });
  return { type: 'message', subtype: 'bot_message', channel, bot_id: 'B0AM', username: 'alertmanager', text: '', attachments, ts, event_ts: ts };
}

/** The bot's replies in the threads of `channel` (one per alert group). */
export const triageReplies = (fake: FakeSlack, channel: string) =>
  (fake.channel(channel)?.messages ?? []).flatMap((m) => fake.replies(channel, m.ts)).filter((m) => m.user === fake.botUserId);
