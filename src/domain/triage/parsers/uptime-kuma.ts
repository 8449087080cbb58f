/**
 * Uptime Kuma's Slack notification (server/notification-providers/slack.js, message from server/model/monitor.js
 * sendNotification): text `[<monitor>] [🔴 Down] <reason>` or `[<monitor>] [✅ Up] <reason>` (plus ` <!channel>` when
 * asked); with rich messages an attachment coloured #e01e5a / #2eb886 whose blocks are a header (the monitor name), an
 * optional `_group / path_` context, and `*Message*` / `*Time (<zone>)*` fields; without, the text is
 * `[_group_\n]<monitor>\n<message>`.
 */
import type { AlertParser, ParsedAlert } from '../alert.js';
import type { MessageView } from './message-view.js';
import { normaliseAlert } from './normalise-alert.js';
import { decodeEntities } from './slack-markup.js';

const STATE_LINE = /\[([^\]\n]{1,200})\]\s*\[(✅ Up|🔴 Down)\]\s*([^\n]*)/u;

function parseUptimeKuma(view: MessageView): ParsedAlert | null {
  const texts = [view.text, ...view.attachments.flatMap((a) => a.blockLines), ...view.blockLines];
  const line = texts.map((text) => STATE_LINE.exec(decodeEntities(text))).find((m) => m !== null);
  if (!line?.[1] || !line[2]) return null;
  const monitor = line[1].trim();
  const up = line[2].includes('Up');
  const reason = (line[3] ?? '').replace(/<!channel>/g, '').trim();
  const group = view.attachments.flatMap((a) => a.blockLines).find((l) => /^_[^_\n]+_$/.test(l.trim()))?.trim().slice(1, -1);
  return normaliseAlert({
    source: 'uptime-kuma',
    status: up ? 'resolved' : 'firing',
    name: monitor,
    // Uptime Kuma has no severity: a monitor is up or down.
    severity: null,
    service: monitor,
    subject: `monitor ${monitor}`,
    summary: reason ? `${monitor}: ${reason}` : monitor,
    labels: group ? { group } : {},
    // One monitor per message; Up means the whole monitor is back.
    count: up ? 0 : 1,
    countIsTotal: up,
    link: null,
    reason: `Uptime Kuma monitor state [${line[2]}]`,
  });
}

export const uptimeKumaParser: AlertParser = {
  source: 'uptime-kuma',
  detect: (view) => /\[(?:✅ Up|🔴 Down)\]/u.test(view.fullText),
  parse: parseUptimeKuma,
};
