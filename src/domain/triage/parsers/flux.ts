/**
 * Flux notification-controller's Slack provider (internal/notifier/slack.go): username = the reporting controller
 * (`helm-controller`, `kustomize-controller` …) unless configured, one attachment with author_name
 * `<kind>/<name>.<namespace>`, colour `danger` for error events and `good` for info events, the event message as text,
 * fallback `<author>: <first line>`, and the event metadata (`revision`, `app-version`, `summary` …) as fields.
 * Error events are alerts; info events are not, and the controllers' success messages ("Helm upgrade succeeded",
 * "Health check passed") say the object is healthy again.
 */
import type { AlertParser, ParsedAlert } from '../alert.js';
import type { AttachmentView, MessageView } from './message-view.js';
import { colourMeaning } from './colour-meaning.js';
import { normaliseAlert } from './normalise-alert.js';
import { cleanPhrase, firstMeaningfulLine, plainText } from './slack-markup.js';

const OBJECT = /^([a-z][a-z0-9]{1,62})\/([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?)\.([a-z0-9][-a-z0-9]{0,62})$/;
const CONTROLLER = /^(?:helm|kustomize|source|image-reflector|image-automation|notification|source-watcher)-controller$/;
/**
 * The controllers' success events: helm-controller's install/upgrade/test succeeded (and, in its v2beta2-era wording,
 * "Installed release …", "Upgraded release …", "Tested release …"), kustomize-controller's health check passed and
 * reconciliation finished, source-controller's stored artifact, image-reflector-controller's successful scan. The
 * object works again.
 */
const RECOVERED =
  /^(?:Helm (?:install|upgrade|test) succeeded\b|(?:Installed|Upgraded|Tested) release\b|Health check passed\b|Reconciliation finished\b|stored artifact\b|successful scan\b)/i;

function fluxAttachment(view: MessageView): AttachmentView | undefined {
  return view.attachments.find((a) => OBJECT.test(a.authorName.trim()));
}

function parseFlux(view: MessageView): ParsedAlert | null {
  const attachment = fluxAttachment(view);
  if (!attachment) return null;
  const object = OBJECT.exec(attachment.authorName.trim());
  const kind = object?.[1];
  const name = object?.[2];
  const namespace = object?.[4];
  if (!kind || !name || !namespace) return null;
  const message = plainText(attachment.text);
  const firstLine = cleanPhrase(firstMeaningfulLine(message), 300);
  // Flux paints error events `danger`; a relay or an older controller may use a red of its own.
  const error = colourMeaning(attachment.color) === 'red';
  const recovered = !error && RECOVERED.test(firstLine);
  const labels: Record<string, string> = { kind, namespace, ...Object.fromEntries(attachment.fields.filter((f) => f.title !== '').map((f) => [f.title, f.value])) };
  return normaliseAlert({
    source: 'flux',
    kind: error ? 'alert' : 'notice',
    status: error ? 'firing' : recovered ? 'resolved' : 'info',
    name: `${kind}/${name}.${namespace}`,
    // Flux events carry a severity of their own: error or info.
    severity: error ? 'error' : null,
    service: name,
    subject: `${kind}/${name}.${namespace}`,
    summary: firstLine || `${kind}/${name}.${namespace}`,
    labels,
    // Flux reports an object's state: an error is one failing object; its success event clears all of it.
    count: error ? 1 : 0,
    countIsTotal: true,
    link: null,
    reason: error
      ? 'Flux error event (danger colour)'
      : recovered
        ? `Flux info event: "${firstLine.split(' ').slice(0, 3).join(' ')}…" (the object is healthy again)`
        : 'Flux info event: not an alert',
  });
}

export const fluxParser: AlertParser = {
  source: 'flux',
  detect: (view) => CONTROLLER.test(view.username) || fluxAttachment(view) !== undefined,
  parse: parseFlux,
};
