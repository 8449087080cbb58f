/**
 * The one shape every alert takes before triage, whichever door it came in by: a tool's message read in an alert
 * channel, or a webhook notification (Alertmanager, Grafana). Grouping, rules, placement and replies read only this.
 */
import type { ParsedAlert } from '../triage/alert.js';

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

/**
 * What a tool's message says, as its parser reads it, is what every alert says: its kind, status, name, severity,
 * service, subject, summary, counts and the reason it was read so (documented on `ParsedAlert`).
 */
type AlertReading = Pick<ParsedAlert, 'kind' | 'status' | 'name' | 'severity' | 'service' | 'subject' | 'summary' | 'count' | 'countIsTotal' | 'reason'>;

export interface Alert extends AlertReading {
  /** The tool that raised it (`alertmanager`, `grafana`, `datadog` …, `generic` for people and unknown integrations). */
  readonly source: string;
  readonly labels: Labels;
  /** Free text the tool attaches (Prometheus annotations: summary, description, runbook_url …). */
  readonly annotations: Labels;
  /**
   * The tool's own identity of one alert instance (Alertmanager's and Grafana's fingerprint of its labels): its firing,
   * resolving and firing again are tracked per instance. Null when the alert was read from a message's text, which
   * names no instance; then `count` says how many instances the message speaks of (1 for an alert with a fingerprint).
   */
  readonly fingerprint: string | null;
  /** When the instance began firing, as the tool says; null when it does not. */
  readonly startsAt: Date | null;
  /** When it ended (resolved), as the tool says; null while it fires or when the tool does not say. */
  readonly endsAt: Date | null;
  /** Most useful first: `links[0]` is what a title links to. */
  readonly links: readonly AlertLink[];
}

export type IdentifiedAlert = Alert & { readonly fingerprint: string };

export const isIdentified = (alert: Alert): alert is IdentifiedAlert => alert.fingerprint !== null;

/** The link a title points to, if there is one. */
export const primaryLink = (alert: Pick<Alert, 'links'>): string | null => alert.links[0]?.url ?? null;
