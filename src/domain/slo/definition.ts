/**
 * An SLO as the configuration declares it (an OpenSLO-compatible subset: name, service, objective, time window): what
 * the bot says about an SLO alert that carries no numbers of its own.
 */
import type { SloAlert } from './slo-alert.js';

export interface SloDefinition {
  /** `metadata.name`: matches the SLO's name or identity in the alert's labels (`sloth_slo`, `sloth_id`, `slo` …). */
  readonly name: string;
  readonly displayName: string | null;
  readonly service: string | null;
  /** A ratio: 0.999. */
  readonly objective: number;
  readonly periodMs: number;
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The configured SLO an alert is about: same name, and same service when both say one. */
export function definitionFor(slo: Pick<SloAlert, 'names' | 'service'>, definitions: readonly SloDefinition[]): SloDefinition | undefined {
  return definitions.find(
    (d) => slo.names.some((name) => same(name, d.name)) && (d.service === null || slo.service === null || same(d.service, slo.service)),
  );
}
