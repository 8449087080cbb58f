/**
 * Alert notifications as Alertmanager and Grafana post them to Slack (legacy attachments), shaped like the
 * fixtures in test/fixtures/alerts: Alertmanager's common custom template (kube-prometheus-stack's `slack.myorg.text`,
 * default title `[FIRING:n] <group values>`), and Grafana unified alerting's default contact-point message.
 */
import { INTEGRATIONS } from '../demo-workspace.js';

export interface IntegrationPost {
  readonly kind: 'integration';
  readonly botId: string;
  readonly username: string;
  readonly text: string;
  readonly attachments: readonly Record<string, unknown>[];
}

export interface HumanPost {
  readonly kind: 'human';
  readonly user: string;
  readonly text: string;
}

export type AlertChannelPost = IntegrationPost | HumanPost;

export interface AlertSpec {
  readonly alertname: string;
  readonly service: string;
  readonly severity: string;
  readonly summary: string;
  readonly description: string;
  /** One label set per firing instance (pod, instance…): the message lists each, as the template does. */
  readonly instances: readonly Record<string, string>[];
}

const AM_URL = 'https://alertmanager.example.com/#/alerts?receiver=slack-alerts';

function alertmanagerBody(spec: AlertSpec, instances: readonly Record<string, string>[]): string {
  return instances
    .map((instance) => {
      const labels = { alertname: spec.alertname, service: spec.service, severity: spec.severity, ...instance };
      return [
        `*Alert:* ${spec.summary} - \`${spec.severity}\``,
        `*Description:* ${spec.description}`,
        '*Details:*',
        ...Object.entries(labels).map(([k, v]) => `  • *${k}:* \`${v}\``),
      ].join('\n');
    })
    .join('\n\n');
}

/** Alertmanager re-sends the whole group on every change: `[FIRING:n]` is the current total. */
export function alertmanagerFiring(spec: AlertSpec, firing: number): IntegrationPost {
  const shown = spec.instances.slice(0, firing);
  const title = `[FIRING:${firing}] ${spec.alertname} ${spec.service} (${spec.severity})`;
  return integration('alertmanager', {
    color: 'danger',
    title,
    title_link: AM_URL,
    text: alertmanagerBody(spec, shown),
    fallback: `${title} | ${AM_URL}`,
    mrkdwn_in: ['fallback', 'pretext', 'text'],
  });
}

export function alertmanagerResolved(spec: AlertSpec): IntegrationPost {
  const title = `[RESOLVED] ${spec.alertname} ${spec.service} (${spec.severity})`;
  return integration('alertmanager', {
    color: 'good',
    title,
    title_link: AM_URL,
    text: alertmanagerBody(spec, spec.instances.slice(0, 1)),
    fallback: `${title} | ${AM_URL}`,
    mrkdwn_in: ['fallback', 'pretext', 'text'],
  });
}

const GRAFANA = 'https://grafana.example.com';

function grafanaBody(spec: AlertSpec, state: 'Firing' | 'Resolved', instances: readonly Record<string, string>[], value: string): string {
  const ruleUrl = `${GRAFANA}/alerting/grafana/ce9x2k1yq8/view?orgId=1`;
  return [
    `**${state}**`,
    '',
    ...instances.flatMap((instance) => [
      `Value: A=${value}, C=${state === 'Firing' ? 1 : 0}`,
      'Labels:',
      ...Object.entries({ alertname: spec.alertname, grafana_folder: 'Checkout', service: spec.service, severity: spec.severity, ...instance }).map(
        ([k, v]) => ` - ${k} = ${v}`,
      ),
      'Annotations:',
      ` - summary = ${spec.summary}`,
      ` - description = ${spec.description}`,
      `Source: ${ruleUrl}`,
      `Silence: ${GRAFANA}/alerting/silence/new?alertmanager=grafana&matcher=alertname%3D${spec.alertname}&orgId=1`,
      `Dashboard: ${GRAFANA}/d/checkout-slo?orgId=1`,
      '',
    ]),
  ].join('\n');
}

function grafana(spec: AlertSpec, status: 'firing' | 'resolved', firing: number, value: string): IntegrationPost {
  const shown = spec.instances.slice(0, Math.max(1, firing));
  const subject = status === 'firing' ? `[FIRING:${firing}]` : '[RESOLVED]';
  const title = `${subject} ${spec.alertname} Checkout (${spec.service} ${spec.severity})`;
  return integration('grafana', {
    color: status === 'firing' ? '#D63232' : '#36a64f',
    title,
    title_link: `${GRAFANA}/alerting/grafana/ce9x2k1yq8/view?orgId=1`,
    text: grafanaBody(spec, status === 'firing' ? 'Firing' : 'Resolved', shown, value),
    fallback: title,
    footer: 'Grafana v11.3.0',
    footer_icon: 'https://grafana.com/static/assets/img/fav32.png',
  });
}

export const grafanaFiring = (spec: AlertSpec, firing: number, value: string): IntegrationPost => grafana(spec, 'firing', firing, value);
export const grafanaResolved = (spec: AlertSpec, value: string): IntegrationPost => grafana(spec, 'resolved', 0, value);

function integration(tool: 'alertmanager' | 'grafana', attachment: Record<string, unknown>): IntegrationPost {
  const { botId, name } = INTEGRATIONS[tool];
  return { kind: 'integration', botId, username: name, text: '', attachments: [attachment] };
}
