/** What an alert message in an alert channel says, normalised across the tools that post them. */
export const ALERT_SOURCES = ['alertmanager', 'grafana', 'datadog', 'sentry', 'cloudwatch', 'pagerduty', 'generic'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export type AlertStatus = 'firing' | 'resolved';

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
  readonly status: AlertStatus;
  /** The alert's name (Alertmanager `alertname`, Grafana rule name, Datadog monitor name, Sentry issue title …). */
  readonly name: string;
  /** Lower-case as the tool says it (`critical`, `warning`, `error`, `p1` …), or null when it says none. */
  readonly severity: string | null;
  readonly service: string | null;
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
}

/** A parser recognises its own format and answers null for anything else. It never throws. */
export interface AlertParser {
  readonly source: AlertSource;
  parse(message: AlertMessage): ParsedAlert | null;
}
