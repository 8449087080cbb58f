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
import { cleanPhrase, plainText, stripEmoji } from './slack-markup.js';

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

function parseArgoCd(view: MessageView): ParsedAlert | null {
  const attachment = argoAttachment(view);
  if (!attachment) return null;
  const app = cleanPhrase(attachment.title, 200);
  const text = stripEmoji(plainText(view.text)).replace(/\s+/g, ' ').trim();
  const sync = fieldValue(view, /^Sync Status$/)?.trim();
  const health = fieldValue(view, /^Health Status$/)?.trim();
  const template = TEMPLATES.find((t) => t.pattern.test(text)) ?? COLOUR_TEMPLATES[attachment.color] ?? customTemplate(attachment.color, text, health);
  if (!template) return null;
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
    link: attachment.titleLink,
    reason: `Argo CD notification: ${template.what}${template.kind === 'notice' ? (template.status === 'resolved' ? ' (the application is synced again)' : ' (not an alert)') : ''}`,
  });
}

export const argocdParser: AlertParser = {
  source: 'argocd',
  detect: (view) => argoAttachment(view) !== undefined,
  parse: parseArgoCd,
};
