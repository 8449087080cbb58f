/**
 * CloudWatch alarm notifications in Slack: AWS Chatbot / Amazon Q (`CloudWatch Alarm | HighCPU | us-east-1 | Account:
 * 123…`, "The alarm X changed state to ALARM", "Threshold Crossed: …", console links), relays that lay the alarm out as
 * fields (terraform-aws-notify-slack: `Alarm Name`, `Current State`, `Alarm reason`), the AWS Lambda blueprint relay
 * (`cpu-mon state is now ALARM: Threshold Crossed: …`), other Lambda relays that state the alarm's state in
 * CloudWatch's own words (see fromStatedState), and the raw SNS alarm JSON or e-mail subject.
 */
import { z } from 'zod';
import type { AlertParser, ParsedAlert } from '../alert.js';
import { fieldValue, type MessageView } from './message-view.js';
import { normaliseAlert } from './normalise-alert.js';
import { allUrls, cleanPhrase, decodeEntities, plainText, stripEmoji, stripEmphasis } from './slack-markup.js';

type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

interface Alarm {
  readonly name: string;
  readonly state: AlarmState;
  readonly reason: string;
  readonly labels: Readonly<Record<string, string>>;
}

const STATE = '(ALARM|OK|INSUFFICIENT_DATA)';
const CHATBOT_HEADER = /CloudWatch Alarm\s*\|\s*([^|\n]{1,255}?)\s*\|\s*([a-z]{2}(?:-gov)?-[a-z]+-\d)\s*\|\s*Account:\s*(\d{12})/i;
const BLUEPRINT = new RegExp(`^(.{1,255}?) state is now ${STATE}\\b:?\\s*(.*)$`, 'm');
const AMAZON_Q = new RegExp(`The alarm\\s+"?(.{1,255}?)"?\\s+changed state to\\s+${STATE}`, 'i');
const SNS_SUBJECT = new RegExp(`^${STATE}:\\s*"(.{1,255}?)"\\s+in\\s+(.+)$`, 'm');
const CONSOLE_URL = /^https?:\/\/(?:[\w-]+\.)?console\.aws\.amazon\.com\/cloudwatch\//i;
const SERVICE_DIMENSIONS = ['ServiceName', 'FunctionName', 'DBInstanceIdentifier', 'ClusterName', 'LoadBalancer', 'QueueName', 'TableName'];

const snsAlarm = z.object({
  AlarmName: z.string(),
  NewStateValue: z.enum(['ALARM', 'OK', 'INSUFFICIENT_DATA']),
  NewStateReason: z.string().optional().catch(undefined),
  Region: z.string().optional().catch(undefined),
  AWSAccountId: z.string().optional().catch(undefined),
  Trigger: z
    .object({
      MetricName: z.string().optional().catch(undefined),
      Namespace: z.string().optional().catch(undefined),
      Dimensions: z.array(z.object({ name: z.string(), value: z.string() })).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});

function fromSnsJson(text: string): Alarm | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end <= start || !text.includes('AlarmName')) return null;
  let json: unknown;
  try {
    json = JSON.parse(text.slice(start, end + 1));
  } catch {
    return null;
  }
  const parsed = snsAlarm.safeParse(json);
  if (!parsed.success) return null;
  const alarm = parsed.data;
  const dimensions = Object.fromEntries((alarm.Trigger?.Dimensions ?? []).map((d) => [d.name, d.value]));
  const labels: Record<string, string> = { ...dimensions };
  if (alarm.Region) labels['region'] = alarm.Region;
  if (alarm.AWSAccountId) labels['account'] = alarm.AWSAccountId;
  if (alarm.Trigger?.MetricName) labels['metric'] = alarm.Trigger.MetricName;
  if (alarm.Trigger?.Namespace) labels['namespace'] = alarm.Trigger.Namespace;
  return { name: alarm.AlarmName, state: alarm.NewStateValue, reason: alarm.NewStateReason ?? '', labels };
}

function stateIn(text: string): AlarmState | null {
  const patterns = [
    new RegExp(`\\bfrom\\s+${STATE}\\s+to\\s+${STATE}\\b`),
    new RegExp(`->\\s*${STATE}\\b`),
    new RegExp(`changed state to\\s+${STATE}`, 'i'),
    new RegExp(`\\bstate:?\\s+${STATE}\\b`, 'i'),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    // "State moved from OK to ALARM": the state it moved to.
    const state = match?.[2] ?? match?.[1];
    if (state === 'ALARM' || state === 'OK' || state === 'INSUFFICIENT_DATA') return state;
  }
  return null;
}

function reasonIn(text: string): string {
  return /((?:Threshold Crossed|Insufficient Data):[^\n]*)/.exec(text)?.[1] ?? '';
}

function fromChatbot(text: string, view: MessageView): Alarm | null {
  const header = CHATBOT_HEADER.exec(text);
  if (!header?.[1]) return null;
  const okColour = view.attachments.some((a) => a.color === 'good' || a.color === '#2eb886' || a.color === '#1d8102');
  const state = stateIn(text) ?? (okColour || /:white_check_mark:|✅/.test(text) ? 'OK' : 'ALARM');
  return { name: header[1], state, reason: reasonIn(text), labels: { region: header[2] ?? '', account: header[3] ?? '' } };
}

/** An attachment that lists the alarm as fields, values in backticks: `Alarm Name`, `Current State`, `Alarm reason`. */
function fromFields(view: MessageView): Alarm | null {
  const field = (title: RegExp): string => stripEmphasis(plainText(fieldValue(view, title) ?? '')).trim();
  const name = field(/^Alarm Name$/i);
  const state = new RegExp(`^${STATE}$`).exec(field(/^(?:Current|New) State$/i))?.[1];
  if (!name || !state) return null;
  return { name, state: state as AlarmState, reason: field(/^(?:Alarm reason|Reason)$/i), labels: {} };
}

/**
 * Relays that state the alarm's state in CloudWatch's own words (ALARM, OK, INSUFFICIENT_DATA):
 * - a headline opening with it, `*:exclamation:ALARM: <description>*`, the AlarmName (one identifier) on the next line;
 * - a "Cloudwatch alarm: <name>" headline with the transition ("State moved from OK to ALARM");
 * - an attachment titled with the alarm and a `Status` (or `State`) field holding the state.
 */
const STATE_HEADLINE = new RegExp(`^${STATE}:\\s*(.{1,255}?)\\s*$`);
const NAMED_HEADLINE = /^Cloud[Ww]atch alarm:\s*(.{1,255}?)\s*$/i;
const IDENTIFIER = /^[\w.:/-]{1,255}$/;

function fromStatedState(view: MessageView): Alarm | null {
  const lines = [view.text, ...view.blockLines].join('\n').split('\n').map((line) => stripEmoji(stripEmphasis(plainText(line))).trim()).filter((line) => line !== '');
  const [headline = '', next = ''] = lines;
  const stated = STATE_HEADLINE.exec(headline);
  if (stated?.[1] && stated[2]) {
    const description = stated[2];
    return { name: IDENTIFIER.test(next) ? next : description, state: stated[1] as AlarmState, reason: reasonIn(lines.join('\n')), labels: {} };
  }
  const named = NAMED_HEADLINE.exec(headline)?.[1];
  const moved = named ? stateIn(lines.join('\n')) : null;
  if (named && moved) return { name: named, state: moved, reason: reasonIn(lines.join('\n')), labels: {} };
  const attachment = view.attachments.find((a) => a.title.trim() !== '');
  const field = new RegExp(`^${STATE}$`).exec(stripEmphasis(plainText(fieldValue(view, /^(?:Status|State)$/i) ?? '')).trim())?.[1];
  if (attachment && field) return { name: cleanPhrase(attachment.title, 255), state: field as AlarmState, reason: reasonIn(attachment.text), labels: {} };
  return null;
}

/** `text` is plain (markup stripped) for the phrases; `raw` keeps the JSON intact. */
function findAlarm(text: string, raw: string, view: MessageView): Alarm | null {
  const chatbot = fromChatbot(text, view);
  if (chatbot) return chatbot;
  const amazonQ = AMAZON_Q.exec(text);
  if (amazonQ?.[1] && amazonQ[2]) return { name: amazonQ[1], state: amazonQ[2] as AlarmState, reason: reasonIn(text), labels: {} };
  const fields = fromFields(view);
  if (fields) return fields;
  const json = fromSnsJson(raw);
  // The relay phrasings below are also things a person could type, so only an integration's post counts.
  if (!view.isBot && view.username === '') return json;
  const blueprint = BLUEPRINT.exec(text);
  if (blueprint?.[1] && blueprint[2]) {
    const name = stripEmoji(blueprint[1]).trim();
    return { name, state: blueprint[2] as AlarmState, reason: (blueprint[3] ?? '').trim(), labels: json?.labels ?? {} };
  }
  if (json) return json;
  const stated = fromStatedState(view);
  if (stated) return stated;
  const subject = SNS_SUBJECT.exec(text);
  if (subject?.[1] && subject[2]) return { name: subject[2], state: subject[1] as AlarmState, reason: reasonIn(text), labels: { region: subject[3] ?? '' } };
  return null;
}

function parseCloudWatch(view: MessageView): ParsedAlert | null {
  const text = stripEmphasis(plainText(view.fullText));
  const alarm = findAlarm(text, decodeEntities(view.fullText), view);
  if (!alarm) return null;
  const consoleUrl = allUrls(view.fullText).find((url) => CONSOLE_URL.test(url)) ?? null;
  const region = alarm.labels['region'] || (consoleUrl ? /[?&]region=([\w-]+)/.exec(consoleUrl)?.[1] : undefined);
  const labels: Record<string, string> = { ...alarm.labels, ...(region ? { region } : {}), state: alarm.state };
  const serviceKey = SERVICE_DIMENSIONS.find((key) => labels[key]);
  const firing = alarm.state !== 'OK';
  return normaliseAlert({
    source: 'cloudwatch',
    status: firing ? 'firing' : 'resolved',
    name: alarm.name,
    // ALARM is a state, not a severity: CloudWatch alarms carry none. INSUFFICIENT_DATA stays firing (nobody knows it is fine).
    severity: null,
    service: serviceKey ? labels[serviceKey] : null,
    summary: alarm.reason || `${alarm.name} is ${alarm.state}`,
    labels,
    // An alarm is one instance: OK means the whole alarm is back to normal.
    count: firing ? 1 : 0,
    countIsTotal: !firing,
    link: consoleUrl ?? view.attachments.find((a) => a.titleLink !== '')?.titleLink ?? null,
    reason: `CloudWatch alarm state ${alarm.state}${alarm.state === 'INSUFFICIENT_DATA' ? ' (not known to be fine: kept open)' : ''}`,
  });
}

/** Chatbot's header, the Lambda relays' phrasing and fields, CloudWatch's "Threshold Crossed" reason, or the SNS alarm JSON. */
const CLOUDWATCH_MARKS = /CloudWatch|AlarmName|Alarm Name|changed state to|state is now (?:ALARM|OK|INSUFFICIENT_DATA)|Threshold Crossed:|^(?:ALARM|OK|INSUFFICIENT_DATA):/im;
/** A relay's headline opening with the alarm state, after its emoji and emphasis: `*:exclamation:ALARM: …*`. */
const STATE_OPENING = /^[\s*_]*(?::[a-z0-9_+-]+:\s*)*(?:ALARM|OK|INSUFFICIENT_DATA):/;

const detectCloudWatch = (view: MessageView): boolean =>
  CLOUDWATCH_MARKS.test(view.fullText) ||
  ((view.isBot || view.username !== '') &&
    (STATE_OPENING.test(view.text) || view.attachments.some((a) => a.fields.some((f) => /^(?:Status|State)$/i.test(f.title.trim()) && /^(?:ALARM|OK|INSUFFICIENT_DATA)$/.test(f.value.trim())))));

export const cloudwatchParser: AlertParser = { source: 'cloudwatch', detect: detectCloudWatch, parse: parseCloudWatch };
