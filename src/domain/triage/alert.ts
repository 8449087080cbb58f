import type { MessageView } from './parsers/message-view.js';

/** What a message in an alert channel says, normalised across the tools (and people) that post there. */
export const ALERT_SOURCES = [
  'alertmanager',
  'grafana',
  'datadog',
  'sentry',
  'cloudwatch',
  'pagerduty',
  'zabbix',
  'uptime-kuma',
  'healthchecks',
  'flux',
  'argocd',
  'github-actions',
  'kubernetes-events',
  'generic',
] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

/**
 * What the message says about a problem: it is firing, someone took it (acknowledged, still open), it is over
 * (resolved, or a tool's success post about the same subject), or nothing about a problem at all (info: a tool's
 * deploy/info post, a question, chatter).
 */
export const ALERT_STATUSES = ['firing', 'acknowledged', 'resolved', 'info'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * Who posted it and what it is: an alert from a tool, a tool's non-alert post (success, info, deploy), or a person's
 * message. Only alerts, and people's clear failure reports, open a group; see `placement.ts`.
 */
export const MESSAGE_KINDS = ['alert', 'notice', 'person'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The parts of a Slack message a parser may read (from a `message` event or conversations.history). */
export interface AlertMessage {
  readonly text: string;
  /** Legacy attachments as Slack delivers them (untyped: parsers narrow with zod). */
  readonly attachments: readonly unknown[];
  /** Block Kit blocks as Slack delivers them (untyped: parsers narrow with zod). */
  readonly blocks: readonly unknown[];
  /** `username` of an incoming webhook post, or the bot's profile name, when Slack gives one. */
  readonly username: string | null;
  /** Present for integration/bot posts, absent for people. */
  readonly botId: string | null;
}

export interface ParsedAlert {
  readonly source: AlertSource;
  readonly kind: MessageKind;
  readonly status: AlertStatus;
  /** The alert's name (Alertmanager `alertname`, Grafana rule name, Datadog monitor name, Sentry issue title …). */
  readonly name: string;
  /** Lower-case as the tool says it (`critical`, `warning`, `high`, `p1` …), or null when it says none. */
  readonly severity: string | null;
  readonly service: string | null;
  /**
   * What the message is about, stable across its firing and recovery posts even when their names differ (a Flux
   * object, an Argo CD application, a workflow on a branch, a monitor): a recovery pairs with the still-firing groups
   * of the same source and subject. Null when the tool names nothing more stable than the alert name.
   */
  readonly subject: string | null;
  /** One line a person reads; plain text (not escaped: the renderer escapes). */
  readonly summary: string;
  /** Key/values the tool exposes (Alertmanager labels, Datadog tags, CloudWatch dimensions …). */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * How many alert instances the message speaks of: for `firing`, how many are firing; for `resolved`, how many
   * resolved (0 when the message means "the whole group resolved", e.g. Alertmanager's `[RESOLVED]` title).
   */
  readonly count: number;
  /**
   * True when `count` is the group's current total (Alertmanager re-sends the whole group: `[FIRING:1]` after
   * `[FIRING:3]` means two resolved); false when the message reports new instances on its own.
   */
  readonly countIsTotal: boolean;
  /** Link to the alert in its tool, if the message has one. */
  readonly link: string | null;
  /** Why the message was classified so, in a few words a person reads in `triage explain` and the replay CLI. */
  readonly reason: string;
}

/**
 * A parser recognises its own format. `detect` is the cheap dispatch (a username, a link host, a title prefix: a
 * few string tests) that decides whether `parse` runs at all, so an alert storm is not fed through every parser.
 * Neither throws.
 */
export interface AlertParser {
  readonly source: AlertSource;
  detect(view: MessageView): boolean;
  parse(view: MessageView): ParsedAlert | null;
}

/** True for statuses that keep a problem open. */
export const isOpenStatus = (status: AlertStatus): boolean => status === 'firing' || status === 'acknowledged';
