/**
 * Grafana Alerting's webhook contact point (grafana/alerting `receivers/webhook/v1/webhook.go`: `webhookMessage` =
 * `templates.ExtendedData` + `version` "1", `groupKey`, `truncatedAlerts`, `orgId`, `title`, `state`, `message`; each
 * alert is a `templates.ExtendedAlert` from `templates/template_data.go`, adding `silenceURL`, `dashboardURL`,
 * `panelURL` and `values` to Alertmanager's fields). Grafana can sign the body (`http/hmac.go`): an HMAC-SHA256 in hex,
 * over `<unix seconds>:<body>` when a timestamp header is configured, else over the body.
 */
import { z } from 'zod';
import { notificationIdentity, readPayload, type WebhookKind } from './notification.js';
import { alertOfPrometheusAlert, link, MAX_ALERTS, notificationFields, prometheusAlertSchema } from './prometheus-alert.js';

const grafanaAlertSchema = prometheusAlertSchema.extend({
  silenceURL: z.string().default(''),
  dashboardURL: z.string().default(''),
  panelURL: z.string().default(''),
});

const payloadSchema = z.object({
  version: z.literal('1', { message: 'must be "1" (a Grafana Alerting webhook contact point; a custom payload template cannot be read)' }),
  ...notificationFields,
  alerts: z.array(grafanaAlertSchema).max(MAX_ALERTS),
});

export const grafanaWebhook: WebhookKind = {
  // The form's placeholder, and the name Grafana's code signs into when the header field is left empty.
  signatureHeaders: ['x-grafana-alerting-signature', 'x-grafana-alert-signature'],
  read(body) {
    const payload = readPayload(payloadSchema, body);
    if (!payload.ok) return payload;
    const { groupKey, truncatedAlerts, alerts } = payload.value;
    return {
      ok: true,
      value: {
        alerts: alerts.map((alert) =>
          // The rule's page (`generatorURL`) leads: in Grafana it is where a person acts on the alert.
          alertOfPrometheusAlert(alert, 'grafana', [], [...link('silence', alert.silenceURL), ...link('dashboard', alert.dashboardURL), ...link('panel', alert.panelURL)]),
        ),
        truncated: truncatedAlerts,
        identity: notificationIdentity(groupKey, truncatedAlerts, alerts),
      },
    };
  },
};
