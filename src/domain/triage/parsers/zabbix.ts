/**
 * Zabbix's Slack media type (templates/media/slack/media_slack.yaml): one attachment per message whose title and
 * fallback are the action's subject (`Problem: {EVENT.NAME}`, `Resolved in {EVENT.DURATION}: {EVENT.NAME}`,
 * `Updated problem in {EVENT.AGE}: {EVENT.NAME}`, `Discovery: …`, `Autoregistration: …`), coloured by severity
 * (#97AAB3 … #E45959) or #009900 once resolved, linking to `tr_events.php?triggerid=…&eventid=…`, with `Host`,
 * `Event time`, `Severity`, `Opdata`, `Event tags`, `Trigger description` and `Details` fields. In its default alarm
 * mode the recovery is an edit of the problem message (chat.update), and updates go to its thread. Alert scripts that
 * post plain text ("PROBLEM: <trigger> - <host> (<ip>)") are read too, see below.
 */
import type { AlertParser, ParsedAlert } from '../alert.js';
import { fieldValue, type AttachmentView, type MessageView } from './message-view.js';
import { normaliseAlert } from './normalise-alert.js';
import { cleanPhrase, plainText, stripEmphasis } from './slack-markup.js';

const RESOLVE_COLOUR = '#009900';
/** SEVERITY_COLORS of the media type, indexed by {EVENT.NSEVERITY}: what the colour says when no Severity field does. */
const COLOUR_SEVERITY: Readonly<Record<string, string>> = {
  '#97aab3': 'not classified',
  '#7499ff': 'information',
  '#ffc859': 'warning',
  '#ffa059': 'average',
  '#e97659': 'high',
  '#e45959': 'disaster',
};
const SUBJECT = /^\s*(Problem|Resolved(?: in [^:]{1,60})?|Updated problem(?: in [^:]{1,60})?|Discovery|Autoregistration|Internal problem|Service (?:problem|resolved|updated)(?: in [^:]{1,60})?)\s*:\s*(.+)$/i;
const PROBLEM_LINK = /\/tr_events\.php\?triggerid=(\d+)&(?:amp;)?eventid=(\d+)/;

function zabbixAttachment(view: MessageView): AttachmentView | undefined {
  return view.attachments.find(
    (a) => PROBLEM_LINK.test(a.titleLink) || (a.fields.some((f) => f.title === 'Event time') && a.fields.some((f) => f.title === 'Host')),
  );
}

type Kind = 'problem' | 'resolved' | 'updated' | 'event';

function kindOf(prefix: string | undefined, colour: string): Kind {
  const word = (prefix ?? '').toLowerCase();
  if (word.startsWith('resolved') || word.startsWith('service resolved') || colour === RESOLVE_COLOUR) return 'resolved';
  if (word.startsWith('updated') || word.startsWith('service updated')) return 'updated';
  if (word === 'discovery' || word === 'autoregistration') return 'event';
  return 'problem';
}

/** `Event tags` lines (`scope: availability`) and the host as labels. */
function tagsOf(attachment: AttachmentView): Record<string, string> {
  const labels: Record<string, string> = {};
  const tags = attachment.fields.find((f) => f.title === 'Event tags')?.value ?? '';
  for (const line of tags.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) labels[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return labels;
}

function parseZabbix(view: MessageView): ParsedAlert | null {
  const attachment = zabbixAttachment(view);
  if (!attachment) return null;
  const subject = stripEmphasis(plainText(attachment.title || attachment.fallback)).trim();
  const match = SUBJECT.exec(subject);
  const kind = kindOf(match?.[1], attachment.color);
  const eventName = cleanPhrase(match?.[2] ?? subject, 200);
  const host = (fieldValue(view, /^Host$/) ?? '').replace(/\s*\[[^\]]*\]\s*$/, '').trim();
  const severityField = fieldValue(view, /^Severity$/)?.trim();
  const severity = severityField || COLOUR_SEVERITY[attachment.color] || null;
  const details = fieldValue(view, /^Details$/) ?? '';
  const link = PROBLEM_LINK.exec(attachment.titleLink);
  const acknowledged = kind === 'updated' && /\backnowledged\b/i.test(details) && !/\bunacknowledged\b/i.test(details);
  const opdata = fieldValue(view, /^Opdata$/)?.trim();
  const labels: Record<string, string> = { ...tagsOf(attachment), ...(host ? { host } : {}), ...(opdata ? { opdata } : {}) };
  if (link) Object.assign(labels, { triggerid: link[1] ?? '', eventid: link[2] ?? '' });

  if (kind === 'event') {
    return normaliseAlert({
      source: 'zabbix',
      kind: 'notice',
      status: 'info',
      name: subject,
      service: host || null,
      summary: subject,
      labels,
      count: 0,
      countIsTotal: true,
      link: attachment.titleLink || null,
      reason: `Zabbix ${match?.[1]?.toLowerCase() ?? 'event'} notice: not a problem`,
    });
  }
  const resolved = kind === 'resolved';
  return normaliseAlert({
    source: 'zabbix',
    status: resolved ? 'resolved' : acknowledged ? 'acknowledged' : 'firing',
    name: eventName,
    severity,
    service: host || null,
    // The problem event: a recovery posted as a new message (the media type's event mode) names the same one.
    subject: link?.[2] ? `event ${link[2]}` : null,
    summary: opdata ? `${eventName} (${opdata})` : eventName,
    labels,
    // One problem per message; its recovery ends all of it.
    count: resolved ? 0 : 1,
    countIsTotal: resolved || kind === 'updated',
    link: attachment.titleLink || null,
    reason: resolved
      ? `Zabbix recovery: "${match?.[1] ?? 'Resolved'}:" subject${attachment.color === RESOLVE_COLOUR ? ', green #009900' : ''}`
      : kind === 'updated'
        ? `Zabbix problem update${acknowledged ? ': acknowledged' : ''}`
        : `Zabbix problem: "Problem:" subject${severityField ? `, Severity field ${severityField}` : ''}`,
  });
}

/**
 * Zabbix alert scripts that post "<subject>: <message>" as plain text (ericoc/zabbix-slack-alertscript and its copies,
 * username "Zabbix" or the script's own): the subject is the trigger status (PROBLEM, RECOVERY, OK), the message the
 * one their READMEs suggest, "{TRIGGER.NAME} - {HOSTNAME} ({IPADDRESS})".
 */
const SCRIPT_TEXT = /^\s*(PROBLEM|RECOVERY|RESOLVED|OK)\s*:\s*(.{1,400}?)\s*$/i;
const HOST_AT_END = /\s+[-–]\s+([^()\n]{1,100}?)\s+\((\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})\)$/i;

function parseScriptText(view: MessageView): ParsedAlert | null {
  const match = SCRIPT_TEXT.exec(stripEmphasis(plainText(view.text.split('\n')[0] ?? '')));
  if (!match?.[1] || !match[2]) return null;
  const resolved = !/^problem$/i.test(match[1]);
  const hosted = HOST_AT_END.exec(match[2]);
  const trigger = cleanPhrase(hosted ? match[2].slice(0, hosted.index) : match[2], 200);
  const host = hosted?.[1]?.trim() ?? null;
  return normaliseAlert({
    source: 'zabbix',
    status: resolved ? 'resolved' : 'firing',
    name: trigger,
    severity: null,
    service: host,
    summary: match[2],
    labels: { ...(host ? { host } : {}), ...(hosted?.[2] ? { ip: hosted[2] } : {}) },
    count: resolved ? 0 : 1,
    countIsTotal: resolved,
    link: null,
    reason: `Zabbix alert script: "${match[1].toUpperCase()}:" subject`,
  });
}

const scriptPosted = (view: MessageView): boolean => /zabbix/i.test(view.username) && view.attachments.length === 0 && SCRIPT_TEXT.test(view.text.split('\n')[0] ?? '');

export const zabbixParser: AlertParser = {
  source: 'zabbix',
  detect: (view) => zabbixAttachment(view) !== undefined || scriptPosted(view),
  parse: (view) => (zabbixAttachment(view) ? parseZabbix(view) : parseScriptText(view)),
};
