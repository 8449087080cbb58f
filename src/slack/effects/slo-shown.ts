import type { AlertGroup } from '../../app/triage-ports.js';
import type { AlertInstanceRecords } from '../../app/alert-instance-ports.js';
import { reportSlo, type SloSettings } from '../../app/slo-report.js';
import type { Severity } from '../../domain/severity.js';
import type { SloShown } from '../blocks/slo-lines.js';

/** SLO groups' burn on their triage reply and their incident's card; null: the bot shows none. */
export interface SloEffectSettings {
  readonly settings: SloSettings;
  /** How long a render waits for Prometheus (said on the reply when it did not answer). */
  readonly timeoutMs: number;
}

/** What a group's reply or card shows about its SLO, or null when it is not one SLO's. */
export async function sloShownFor(slo: SloEffectSettings | null | undefined, records: Pick<AlertInstanceRecords, 'instancesOfGroup'>, group: AlertGroup | undefined, severities: readonly Severity[]): Promise<SloShown | null> {
  if (!slo || !group) return null;
  const report = await reportSlo(slo.settings, records, group);
  return report && { report, severities, policy: slo.settings.policy, timeoutMs: slo.timeoutMs };
}
