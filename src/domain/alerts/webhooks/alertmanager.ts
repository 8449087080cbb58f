/**
 * Prometheus Alertmanager's `webhook_config` notification, payload version 4 (prometheus/alertmanager
 * `notify/webhook/webhook.go`: `Message` = `template.Data` + `version`, `groupKey`, `truncatedAlerts`). Each
 * notification lists the whole group as it stands: firing alerts (their `endsAt` is Go's zero time) and alerts resolved
 * since the last one. `receiver` arrives regex-escaped (`template.Data` runs it through `regexp.QuoteMeta`), which is
 * what Alertmanager's own alert list expects in its `receiver` filter, so it is used as sent.
 */
import { z } from 'zod';
import type { AlertLink } from '../alert.js';
import { notificationIdentity, readPayload, type WebhookKind } from './notification.js';
import { alertOfPrometheusAlert, MAX_ALERTS, notificationFields, prometheusAlertSchema } from './prometheus-alert.js';

const payloadSchema = z.object({
  version: z.literal('4', { message: 'must be "4" (Alertmanager webhook payload version 4)' }),
  ...notificationFields,
  alerts: z.array(prometheusAlertSchema).max(MAX_ALERTS),
});

/** Alertmanager's own page for the notification's alerts (its Slack template's title link). */
function alertListLink(externalURL: string, receiver: string): AlertLink[] {
  const base = externalURL.replace(/\/+$/, '');
  return base === '' ? [] : [{ kind: 'alert', url: `${base}/#/alerts?receiver=${encodeURIComponent(receiver)}` }];
}

export const alertmanagerWebhook: WebhookKind = {
  signatureHeaders: [],
  read(body) {
    const payload = readPayload(payloadSchema, body);
    if (!payload.ok) return payload;
    const { groupKey, truncatedAlerts, alerts, externalURL, receiver } = payload.value;
    const links = alertListLink(externalURL, receiver);
    return {
      ok: true,
      value: {
        alerts: alerts.map((alert) => alertOfPrometheusAlert(alert, 'alertmanager', links)),
        truncated: truncatedAlerts,
        identity: notificationIdentity(groupKey, truncatedAlerts, alerts),
      },
    };
  },
};
