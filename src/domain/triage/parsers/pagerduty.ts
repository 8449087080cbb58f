/**
 * PagerDuty's Slack app and v2 extension messages: `:red_circle: *<https://acme.pagerduty.com/incidents/Q1…|[#12345]
 * High CPU on web-01>* triggered` (then acknowledged / resolved), the older `Triggered #1234 API latency high` form,
 * and the service, urgency and priority the message lists; and community relays that post each state change as a post
 * of its own without a link to PagerDuty (see RELAY_TITLE).
 */
import type { AlertParser, ParsedAlert } from '../alert.js';
import { fieldValue, type AttachmentView, type MessageView } from './message-view.js';
import { normaliseAlert } from './normalise-alert.js';
import { plainText, slackLinks, stripEmoji, stripEmphasis } from './slack-markup.js';

const INCIDENT_URL = /^https?:\/\/[\w-]+\.pagerduty\.com\/incidents\/\w+/i;
const SERVICE_URL = /^https?:\/\/[\w-]+\.pagerduty\.com\/(?:services|service-directory)\/\w+/i;
const STATUS_WORD = /\b(triggered|acknowledged|unacknowledged|resolved|escalated|reassigned|reopened)\b/i;
const NUMBERED_TITLE = /^\s*\[#(\d{1,12})\]\s*(.+)$/;
const PREFIXED_TITLE = /^\s*(Triggered|Acknowledged|Unacknowledged|Resolved|Escalated|Reassigned|Reopened)\s*:?\s*#(\d{1,12})\s*:?\s*(.+)$/i;

interface Incident {
  readonly title: string;
  readonly number: string | null;
  readonly status: string | null;
  readonly url: string | null;
}

function clean(line: string): string {
  return stripEmoji(stripEmphasis(plainText(line))).trim();
}

function fromLink(view: MessageView): Incident | null {
  const lines = [view.text, ...view.blockLines, ...view.attachments.flatMap((a) => [a.pretext, a.text, ...a.blockLines])];
  for (const text of lines) {
    for (const line of text.split('\n')) {
      const link = slackLinks(line).find((l) => INCIDENT_URL.test(l.url));
      if (!link) continue;
      const rest = clean(line.replace(/<https?:\/\/[^>]*>/g, ' '));
      const numbered = NUMBERED_TITLE.exec(clean(link.label));
      return {
        title: numbered?.[2] ?? link.label,
        number: numbered?.[1] ?? null,
        status: STATUS_WORD.exec(rest)?.[1] ?? null,
        url: link.url,
      };
    }
  }
  const attachment = view.attachments.find((a) => INCIDENT_URL.test(a.titleLink));
  if (!attachment) return null;
  const prefixed = PREFIXED_TITLE.exec(clean(attachment.title));
  const numbered = NUMBERED_TITLE.exec(clean(attachment.title));
  return {
    title: prefixed?.[3] ?? numbered?.[2] ?? attachment.title,
    number: prefixed?.[2] ?? numbered?.[1] ?? null,
    status: prefixed?.[1] ?? STATUS_WORD.exec(clean(attachment.pretext || attachment.text))?.[1] ?? null,
    url: attachment.titleLink,
  };
}

function fromPrefixedText(view: MessageView): Incident | null {
  const lines = [view.text, ...view.blockLines, ...view.attachments.flatMap((a) => [a.title, a.fallback, a.text])];
  for (const line of lines.flatMap((text) => text.split('\n'))) {
    const prefixed = PREFIXED_TITLE.exec(clean(line));
    if (prefixed?.[1] && prefixed[2] && prefixed[3]) return { title: prefixed[3], number: prefixed[2], status: prefixed[1], url: null };
  }
  return null;
}

/**
 * Relays that post each state change of a PagerDuty incident as a post of its own, with no link to PagerDuty
 * (a-harrison/slackduty: "Incident Triggered - #1234", "Acknowledged - #1234", "Resolved - #1234", footer
 * "<service> - <incident id> - <assignee>"; its first releases titled "Incident Triggered" with footer
 * "<service> - <assignee>"): the state and the incident number are the title, the service leads the footer.
 */
const RELAY_TITLE = /^\s*(?:Incident\s+(Triggered|Acknowledged|Unacknowledged|Resolved|Escalated|Reassigned)(?:\s*[-–:]\s*#(\d{1,12}))?|(Triggered|Acknowledged|Unacknowledged|Resolved|Escalated|Reassigned)\s*[-–:]\s*#(\d{1,12}))\s*$/i;

const relayAttachment = (view: MessageView): AttachmentView | undefined =>
  view.attachments.find((a) => RELAY_TITLE.test(a.title) && / - /.test(a.footer));

function fromRelay(view: MessageView): (Incident & { readonly service: string | null }) | null {
  const attachment = relayAttachment(view);
  const match = attachment ? RELAY_TITLE.exec(attachment.title) : null;
  const status = match?.[1] ?? match?.[3];
  if (!attachment || !match || !status) return null;
  const number = match[2] ?? match[4] ?? null;
  const service = clean(attachment.footer.split(' - ')[0] ?? '') || null;
  return { title: number ? `incident #${number}` : `${service ?? 'PagerDuty'} incident`, number, status, url: null, service };
}

/** `Service: checkout-api` / `Urgency: High` as fields or as text lines. */
function detail(view: MessageView, key: string): string | null {
  const field = fieldValue(view, new RegExp(`^${key}$`, 'i'));
  if (field) return clean(field);
  const line = new RegExp(`(?:^|\\s|\\*)${key}\\*?:\\*?\\s*([^\\n]{1,200})`, 'im').exec(plainText(view.fullText))?.[1];
  return line ? clean(line) : null;
}

function parsePagerDuty(view: MessageView): ParsedAlert | null {
  const relayed = fromLink(view) ? null : fromRelay(view);
  const incident = fromLink(view) ?? relayed ?? (/pagerduty/i.test(view.username) ? fromPrefixedText(view) : null);
  if (!incident) return null;
  const status = incident.status?.toLowerCase() ?? 'triggered';
  const urgency = detail(view, 'Urgency')?.toLowerCase() ?? null;
  const priority = /\bP[1-5]\b/i.exec(detail(view, 'Priority') ?? '')?.[0]?.toLowerCase() ?? null;
  const service = detail(view, 'Service') ?? slackLinks(view.fullText).find((l) => SERVICE_URL.test(l.url))?.label ?? relayed?.service ?? null;
  const labels: Record<string, string> = { status };
  if (incident.number) labels['incident_number'] = incident.number;
  if (urgency) labels['urgency'] = urgency;
  if (priority) labels['priority'] = priority;
  if (service) labels['service'] = service;
  const resolved = status === 'resolved';
  return normaliseAlert({
    source: 'pagerduty',
    // Escalated or reassigned incidents are still open: only a resolution ends them.
    status: resolved ? 'resolved' : status === 'acknowledged' ? 'acknowledged' : 'firing',
    name: incident.title,
    severity: priority ?? urgency,
    service,
    summary: `${incident.number ? `[#${incident.number}] ` : ''}${incident.title} ${status}`,
    labels,
    count: resolved ? 0 : 1,
    countIsTotal: resolved,
    link: incident.url,
    // The incident number is what PagerDuty edits its post about: triggered, acknowledged, resolved.
    subject: incident.number ? `incident #${incident.number}` : relayed ? incident.title : null,
    reason: `PagerDuty incident ${status}${priority ? `, priority ${priority.toUpperCase()}` : urgency ? `, ${urgency} urgency` : ''}`,
  });
}

const detectPagerDuty = (view: MessageView): boolean =>
  /pagerduty\.com\/incidents\//i.test(view.fullText) || /pagerduty/i.test(view.username) || relayAttachment(view) !== undefined;

export const pagerdutyParser: AlertParser = { source: 'pagerduty', detect: detectPagerDuty, parse: parsePagerDuty };
