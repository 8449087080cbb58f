/**
 * The tools that notify the bot over HTTP, by the `kind` a source names in `alertSources` (and in its URL,
 * `POST /alerts/<kind>/<name>`). A new tool is its reader (a `WebhookKind`) and one line here; the configuration,
 * the route, storing, grouping and the Slack message follow from this table.
 */
import { err, type Result } from '../../result.js';
import { boundedAlert } from '../bounds.js';
import { alertmanagerWebhook } from './alertmanager.js';
import { grafanaWebhook } from './grafana.js';
import type { WebhookKind, WebhookNotification } from './notification.js';

export const WEBHOOK_KINDS = {
  alertmanager: alertmanagerWebhook,
  grafana: grafanaWebhook,
} as const satisfies Record<string, WebhookKind>;

export type WebhookKindName = keyof typeof WEBHOOK_KINDS;
export const WEBHOOK_KIND_NAMES = Object.keys(WEBHOOK_KINDS) as [WebhookKindName, ...WebhookKindName[]];

export const isWebhookKind = (name: string): name is WebhookKindName => Object.hasOwn(WEBHOOK_KINDS, name);

/** A body read by its kind's reader, every alert kept within the record's bounds. Never throws. */
export function readNotification(kind: WebhookKindName, body: unknown): Result<WebhookNotification, string> {
  let read: Result<WebhookNotification, string>;
  try {
    read = WEBHOOK_KINDS[kind].read(body);
  } catch {
    // A reader's bug on odd input is a refusal, not a crash.
    return err('the payload could not be read');
  }
  return read.ok ? { ok: true, value: { ...read.value, alerts: read.value.alerts.map(boundedAlert) } } : read;
}

export type { WebhookKind, WebhookNotification } from './notification.js';
