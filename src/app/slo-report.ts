/**
 * What the bot says about an alert group that is one SLO's: the view of its tiers (slo-view.ts) with the numbers
 * Prometheus records for the SLO when it is configured and answers in time, else with what the labels give.
 */
import type { BudgetReading, SloView } from '../domain/slo/slo-view.js';
import { describeSlo } from '../domain/slo/slo-view.js';
import type { SloDefinition } from '../domain/slo/definition.js';
import type { SloAlert } from '../domain/slo/slo-alert.js';
import { sloAlertOf } from '../domain/slo/slo-alert.js';
import type { SloSeverityPolicy } from '../domain/slo/suggestion.js';
import type { AlertGroup } from './triage-ports.js';
import type { AlertInstanceRecords } from './alert-instance-ports.js';

/** Prometheus' answer for one SLO: its numbers, nothing recorded for it, or no answer in time. */
export type BudgetAnswer = { readonly kind: 'answered'; readonly reading: BudgetReading } | { readonly kind: 'not-recorded' } | { readonly kind: 'unavailable' };

/** The series Sloth and Pyrra record for an SLO, read from Prometheus (cached briefly, bounded by a timeout). */
export interface SloBudgetReader {
  read(slo: SloAlert): Promise<BudgetAnswer>;
}

export interface SloSettings {
  readonly definitions: readonly SloDefinition[];
  readonly policy: SloSeverityPolicy;
  /** Null without `prometheus.url`: the labels are all there is. */
  readonly budgets: SloBudgetReader | null;
}

export interface SloReport {
  readonly view: SloView;
  /** Where the numbers come from: Prometheus, or the labels because it is not configured or did not answer. */
  readonly numbers: 'prometheus' | 'labels' | 'prometheus-unavailable';
}

/** How many of a group's instances are read for its tiers: an SLO has a handful (tiers × label sets). */
const INSTANCES_READ = 100;

/** An SLO group's fingerprint fields name its generator (fingerprint.ts). */
export const isSloGroup = (group: Pick<AlertGroup, 'fields'>): boolean => 'generator' in group.fields && 'slo' in group.fields;

export async function reportSlo(settings: SloSettings, records: Pick<AlertInstanceRecords, 'instancesOfGroup'>, group: AlertGroup): Promise<SloReport | null> {
  if (!isSloGroup(group) || !group.tracksInstances) return null;
  const alerts = (await records.instancesOfGroup(group.id, INSTANCES_READ)).map((i) => ({ alert: i.alert, firing: i.status === 'firing' }));
  const slo = alerts.map((a) => sloAlertOf(a.alert)).find((s): s is SloAlert => s !== null);
  if (!slo) return null;
  const answer: BudgetAnswer = settings.budgets ? await settings.budgets.read(slo) : { kind: 'not-recorded' };
  const view = describeSlo({ alerts, reading: answer.kind === 'answered' ? answer.reading : null, definitions: settings.definitions, policy: settings.policy });
  if (!view) return null;
  return { view, numbers: answer.kind === 'answered' ? 'prometheus' : answer.kind === 'unavailable' ? 'prometheus-unavailable' : 'labels' };
}
