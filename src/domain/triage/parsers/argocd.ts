/**
 * Argo CD notifications with the catalog templates (notifications_catalog/templates/*.yaml, sent by
 * argoproj/notifications-engine pkg/services/slack.go as text + attachments): the text is the template's message
 * (":exclamation:  The sync operation of application X has failed at …", ":exclamation: Application X has degraded.",
 * ":white_check_mark: Application X is now running new version of deployments manifests." …), the attachment is
 * titled with the application, links to `<argocd>/applications/<app>`, is coloured per template (#E96D76 failed or
 * unknown, #f4c030 degraded, #18be52 succeeded or deployed, #0DADEA running) and lists Sync Status / Health Status /
 * Repository / Revision and the application's conditions as fields.
 */
import type { AlertParser, AlertStatus, MessageKind, ParsedAlert } from '../alert.js';
import { fieldValue, type AttachmentView, type MessageView } from './message-view.js';
import { colourMeaning } from './colour-meaning.js';
import { normaliseAlert } from './normalise-alert.js';
import { allUrls, cleanPhrase, plainText, stripEmoji, stripEmphasis } from './slack-markup.js';

const APP_LINK = /\/applications\/(?:[\w.-]+\/)?([\w.-]{1,253})(?:[?#]|$)/;

interface Template {
  readonly pattern: RegExp;
  readonly kind: MessageKind;
  readonly status: AlertStatus;
  /** What the template reports, after the application's name. */
  readonly what: string;
  /**
   * Which side of the application it speaks of: a sync success clears sync failures, not a degraded health; a
   * deploy (synced and healthy) speaks of the whole application and clears both.
   */
  readonly aspect: 'sync' | 'health' | null;
}

/** The catalog's messages (and what each trigger means): on-deployed fires only once the app is synced and healthy. */
const TEMPLATES: readonly Template[] = [
  { pattern: /\bsync operation of application \S+ has failed\b/i, kind: 'alert', status: 'firing', what: 'sync failed', aspect: 'sync' },
  { pattern: /\bApplication \S+ has degraded\b/i, kind: 'alert', status: 'firing', what: 'degraded', aspect: 'health' },
  { pattern: /\bApplication \S+ sync is 'Unknown'/i, kind: 'alert', status: 'firing', what: 'sync status unknown', aspect: 'sync' },
  { pattern: /\bApplication \S+ is now running new version\b/i, kind: 'notice', status: 'resolved', what: 'deployed', aspect: null },
  { pattern: /\bApplication \S+ has been successfully synced\b/i, kind: 'notice', status: 'resolved', what: 'synced', aspect: 'sync' },
  { pattern: /\bsync operation of application \S+ has started\b/i, kind: 'notice', status: 'info', what: 'sync started', aspect: 'sync' },
  { pattern: /\bApplication \S+ has been created\b/i, kind: 'notice', status: 'info', what: 'created', aspect: null },
  { pattern: /\bApplication \S+ has been deleted\b/i, kind: 'notice', status: 'info', what: 'deleted', aspect: null },
];
/** A custom message with the catalog's attachment: the template colour still says which one it is. */
const COLOUR_TEMPLATES: Readonly<Record<string, Omit<Template, 'pattern'>>> = {
  '#e96d76': { kind: 'alert', status: 'firing', what: 'sync failed', aspect: 'sync' },
  '#f4c030': { kind: 'alert', status: 'firing', what: 'degraded', aspect: 'health' },
  '#18be52': { kind: 'notice', status: 'resolved', what: 'deployed', aspect: null },
  '#0dadea': { kind: 'notice', status: 'info', what: 'sync started', aspect: 'sync' },
};

/**
 * A customised template with colours of its own (the docs' app-sync-failed is #ff0000, "Application X sync is
 * OutOfSync."): red is a failure of what the message speaks of, green that it is synced again; the Health Status
 * field tells a degraded application from a failed sync.
 */
function customTemplate(colour: string, text: string, health: string | undefined): Omit<Template, 'pattern'> | undefined {
  const meaning = colourMeaning(colour);
  const aspect = /\bsync\b/i.test(text) ? 'sync' : /\bhealth\b/i.test(text) || health ? 'health' : null;
  if (meaning === 'red' || meaning === 'amber') {
    if (health && /^(?:Degraded|Missing)$/i.test(health)) return { kind: 'alert', status: 'firing', what: 'degraded', aspect: 'health' };
    return { kind: 'alert', status: 'firing', what: aspect === 'sync' ? 'sync failed' : 'failed', aspect };
  }
  if (meaning === 'green') return { kind: 'notice', status: 'resolved', what: aspect === 'sync' ? 'synced' : 'deployed', aspect: aspect === 'sync' ? 'sync' : null };
  return undefined;
}

function argoAttachment(view: MessageView): AttachmentView | undefined {
  return view.attachments.find((a) => APP_LINK.test(a.titleLink) && a.title.trim() !== '');
}

/**
 * Argo CD's own words for an application's state as custom templates print them in the message text: the sync status
 * (`Sync=OutOfSync`, `sync status: Synced`), the health status (`Health=Degraded`, `Health: Healthy`) and the
 * operation's phase (`*web-store* → *Error*`).
 */
const SYNC_STATE = /\bsync(?:\s+status)?\s*[:=]\s*(Synced|OutOfSync|Unknown)\b/i;
const HEALTH_STATE = /\bhealth(?:\s+status)?\s*[:=]\s*(Healthy|Progressing|Degraded|Suspended|Missing|Unknown)\b/i;
const PHASE = /(?:→|->|\bphase\s*[:=])\s*(Succeeded|Failed|Error|Running|Terminating)\b/i;
const ARGO_USERNAME = /\bargo\s?cd\b|\bargocd/i;

interface AppState {
  readonly sync: string | undefined;
  readonly health: string | undefined;
  readonly phase: string | undefined;
}

const stateOf = (text: string): AppState => ({
  sync: SYNC_STATE.exec(text)?.[1],
  health: HEALTH_STATE.exec(text)?.[1],
  phase: PHASE.exec(text)?.[1],
});

/**
 * What a custom text template reports, read from the states it prints: a failed operation or a degraded (or missing)
 * application is a problem whatever else the message says ("→ Succeeded" with Health=Degraded is the health trigger);
 * synced and healthy is the application working again; running or progressing is news, not a problem.
 */
function stateTemplate({ sync, health, phase }: AppState): Omit<Template, 'pattern'> | undefined {
  const is = (value: string | undefined, ...states: string[]): boolean => value !== undefined && states.some((s) => s.toLowerCase() === value.toLowerCase());
  if (is(phase, 'Error', 'Failed')) return { kind: 'alert', status: 'firing', what: 'sync failed', aspect: 'sync' };
  if (is(health, 'Degraded', 'Missing')) return { kind: 'alert', status: 'firing', what: 'degraded', aspect: 'health' };
  if (is(sync, 'Unknown')) return { kind: 'alert', status: 'firing', what: 'sync status unknown', aspect: 'sync' };
  if (is(health, 'Healthy') && (is(sync, 'Synced') || is(phase, 'Succeeded'))) return { kind: 'notice', status: 'resolved', what: 'deployed', aspect: null };
  if (is(sync, 'Synced') || is(phase, 'Succeeded')) return { kind: 'notice', status: 'resolved', what: 'synced', aspect: 'sync' };
  if (is(phase, 'Running') || is(health, 'Progressing')) return { kind: 'notice', status: 'info', what: 'sync running', aspect: 'sync' };
  return undefined;
}

/** The application a text template names: `*web-store* → …`, "Application checkout …", or its link. */
function appInText(raw: string): string | null {
  const bold = /^\s*(?::[a-z0-9_+-]+:\s*|\p{Extended_Pictographic}\s*)*\*([\w.-]{1,253})\*/u.exec(raw)?.[1];
  if (bold) return bold;
  const named = /\bApplication\s+\*{0,2}([\w.-]{1,253})/i.exec(stripEmphasis(plainText(raw)))?.[1];
  if (named) return named;
  return allUrls(raw).map((u) => APP_LINK.exec(u)?.[1]).find((a) => a !== undefined) ?? null;
}

interface ArgoPost {
  readonly app: string;
  readonly template: Omit<Template, 'pattern'>;
  readonly text: string;
  readonly sync: string | undefined;
  readonly health: string | undefined;
  readonly link: string | null;
}

/** The catalog's attachment (titled with the application, linked to it) and the template its text or colour says. */
function fromAttachment(view: MessageView, attachment: AttachmentView): ArgoPost | null {
  const text = stripEmoji(plainText(view.text)).replace(/\s+/g, ' ').trim();
  const sync = fieldValue(view, /^Sync Status$/)?.trim();
  const health = fieldValue(view, /^Health Status$/)?.trim();
  const template = TEMPLATES.find((t) => t.pattern.test(text)) ?? COLOUR_TEMPLATES[attachment.color] ?? customTemplate(attachment.color, text, health);
  return template ? { app: cleanPhrase(attachment.title, 200), template, text, sync, health, link: attachment.titleLink } : null;
}

/** A template with no attachment: the catalog's message alone, or a custom text that prints the application's states. */
function fromText(view: MessageView): ArgoPost | null {
  const text = stripEmoji(stripEmphasis(plainText(view.text))).replace(/\s+/g, ' ').trim();
  const app = appInText(view.text);
  const state = stateOf(text);
  const template = TEMPLATES.find((t) => t.pattern.test(text)) ?? stateTemplate(state);
  if (!app || !template) return null;
  const link = allUrls(view.text).find((u) => APP_LINK.test(u)) ?? null;
  return { app: cleanPhrase(app, 200), template, text, sync: state.sync, health: state.health, link };
}

function parseArgoCd(view: MessageView): ParsedAlert | null {
  const attachment = argoAttachment(view);
  const post = attachment ? fromAttachment(view, attachment) : fromText(view);
  if (!post) return null;
  const { app, template, text, sync, health } = post;
  const revision = fieldValue(view, /^Revision$/)?.trim();
  const error = /with the following error:\s*(.+?)(?:\s+Sync operation details|$)/.exec(text)?.[1];
  const firing = template.status === 'firing';
  return normaliseAlert({
    source: 'argocd',
    kind: template.kind,
    status: template.status,
    name: `${app} ${template.what}`,
    // Argo CD states no severity.
    severity: null,
    service: app,
    subject: template.aspect ? `application ${app} ${template.aspect}` : `application ${app}`,
    summary: error ? `${app} ${template.what}: ${error}` : text.split(/(?<=\.)\s/)[0] ?? `${app} ${template.what}`,
    labels: { ...(sync ? { sync_status: sync } : {}), ...(health ? { health_status: health } : {}), ...(revision ? { revision } : {}) },
    // An application is one thing: failing, or synced and healthy again.
    count: firing ? 1 : 0,
    countIsTotal: true,
    link: post.link,
    reason: `Argo CD notification: ${template.what}${template.kind === 'notice' ? (template.status === 'resolved' ? ' (the application is synced again)' : ' (not an alert)') : ''}`,
  });
}

/** The catalog's attachment, the notifications bot's name, or a bot's text printing both an application's sync and health status. */
const detectArgoCd = (view: MessageView): boolean =>
  argoAttachment(view) !== undefined ||
  (view.attachments.length === 0 && (ARGO_USERNAME.test(view.username) || (view.isBot && SYNC_STATE.test(view.text) && HEALTH_STATE.test(view.text))));

export const argocdParser: AlertParser = {
  source: 'argocd',
  detect: detectArgoCd,
  parse: parseArgoCd,
};
