/**
 * The one shape every alert takes before triage, whichever door it came in by: a tool's message read in an alert
 * channel, or a webhook notification (Alertmanager, Grafana). Grouping, rules, placement and replies read only this.
 */
import type { AlertStatus, MessageKind } from '../triage/alert.js';

export type { AlertStatus, MessageKind } from '../triage/alert.js';

export type Labels = Readonly<Record<string, string>>;

/** What a link leads to: the alert in its tool, the query behind it, a silence form, a dashboard or panel, a runbook. */
export const LINK_KINDS = ['alert', 'source', 'silence', 'dashboard', 'panel', 'runbook'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface AlertLink {
  readonly kind: LinkKind;
  /** An http(s) URL. */
  readonly url: string;
}

export interface Alert {
  /** The tool that raised it (`alertmanager`, `grafana`, `datadog` …, `generic` for people and unknown integrations). */
  readonly source: string;
  /** A tool's alert, a tool's notice (success, info, deploy) or a person's message; only alerts open groups by themselves. */
  readonly kind: MessageKind;
  readonly status: AlertStatus;
  /** Alertmanager `alertname`, Grafana rule name, Datadog monitor name, Sentry issue title … */
  readonly name: string;
  /** Lower-case as the tool says it (`critical`, `warning`, `p1` …), or null when it says none. */
  readonly severity: string | null;
  readonly service: string | null;
  /**
   * What a message is about, stable across its firing and recovery posts even when their names differ (a Flux object,
   * an Argo CD application …): a recovery pairs with still-firing groups of the same source and subject.
   */
  readonly subject: string | null;
  /** One line a person reads; plain text (the renderer escapes). */
  readonly summary: string;
  readonly labels: Labels;
  /** Free text the tool attaches (Prometheus annotations: summary, description, runbook_url …). */
  readonly annotations: Labels;
  /**
   * The tool's own identity of one alert instance (Alertmanager's and Grafana's fingerprint of its labels): its firing,
   * resolving and firing again are tracked per instance. Null when the alert was read from a message's text, which
   * names no instance; then `count` says how many instances the message speaks of.
   */
  readonly fingerprint: string | null;
  /** When the instance began firing, as the tool says; null when it does not. */
  readonly startsAt: Date | null;
  /** When it ended (resolved), as the tool says; null while it fires or when the tool does not say. */
  readonly endsAt: Date | null;
  /** Most useful first: `links[0]` is what a title links to. */
  readonly links: readonly AlertLink[];
  /**
   * How many instances a message speaks of: firing ones for `firing`, resolved ones for `resolved` (0 for "the whole
   * group resolved"). 1 for an alert with a fingerprint.
   */
  readonly count: number;
  /** True when `count` is the group's current total (Alertmanager re-sends the whole group), false for new instances. */
  readonly countIsTotal: boolean;
  /** Why it was read so, in a few words a person reads in `triage explain`. */
  readonly reason: string;
}

/** An alert whose instance the tool identifies: what a webhook door delivers. */
export type IdentifiedAlert = Alert & { readonly fingerprint: string };

export const isIdentified = (alert: Alert): alert is IdentifiedAlert => alert.fingerprint !== null;

/** The link a title points to, if there is one. */
export const primaryLink = (alert: Pick<Alert, 'links'>): string | null => alert.links[0]?.url ?? null;
