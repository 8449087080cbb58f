/**
 * The config for SLO alerts: where Prometheus answers (`prometheus.url`), the SLOs (an OpenSLO v1 subset: name,
 * service, objective, time window) and the severity each burn suggests.
 */
import { z } from 'zod';
import { parseDuration } from './domain/duration.js';
import { DAY_MS } from './domain/slo/burn-rate.js';
import type { SloDefinition } from './domain/slo/definition.js';
import { parsePrometheusDuration } from './domain/slo/prometheus-duration.js';
import type { SloSeverityPolicy } from './domain/slo/suggestion.js';

const durationMs = (example: string) =>
  z.string().transform((text, ctx) => {
    const parsed = parseDuration(text);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration; write it like ${example}` });
    return z.NEVER;
  });

export const prometheusSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: 'must be the http(s) URL Prometheus answers on, like http://prometheus:9090' }),
  /** Past this the reply goes out without Prometheus' numbers. */
  timeout: durationMs('2s').prefault('2s'),
  /** One answer per SLO serves the replies and cards rendered meanwhile. */
  cacheFor: durationMs('30s').prefault('30s'),
});

/** An SLO window as OpenSLO writes it (`28d`, `4w`, `30d`): a Prometheus duration of at least a day. */
const windowMs = z.string().transform((text, ctx) => {
  const ms = parsePrometheusDuration(text);
  if (ms !== null && ms >= DAY_MS) return ms;
  ctx.addIssue({ code: 'custom', message: `"${text}" is not an SLO window; write it like 28d, 30d or 4w` });
  return z.NEVER;
});

/** OpenSLO v1 `kind: SLO`, the part the bot reads; the rest of a real OpenSLO document is allowed and ignored. */
export const sloSchema = z.object({
  apiVersion: z.literal('openslo/v1', { message: 'must be openslo/v1 (or left out)' }).optional(),
  kind: z.literal('SLO', { message: 'must be SLO (or left out)' }).optional(),
  metadata: z.object({
    name: z.string().regex(/^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/i, 'must be the SLO name its alerts carry (sloth_slo, sloth_id or slo), like checkout-availability'),
    displayName: z.string().min(1).max(80).optional(),
  }),
  spec: z.object({
    service: z.string().min(1).max(80).optional(),
    objectives: z
      .array(z.object({ target: z.number().gt(0, 'must be a ratio like 0.999').lt(1, 'must be a ratio below 1, like 0.999 (not 99.9)') }))
      .min(1, 'needs one objective with a target, like [{ target: 0.999 }]'),
    timeWindow: z.array(z.object({ duration: windowMs, isRolling: z.boolean().optional() })).length(1, 'needs exactly one time window, like [{ duration: 30d, isRolling: true }]'),
  }),
});

const severityId = z.string().nullable();

/** Which severity each tier suggests; null suggests none (a ticket: no incident). */
export const sloSeveritySchema = z.strictObject({
  fastPage: severityId.default('sev2'),
  slowPage: severityId.default('sev3'),
  ticket: severityId.default(null),
  raiseTo: severityId.default('sev1'),
  raiseBelowBudget: z.number().min(0).max(1, 'must be a share of the budget, like 0.25').default(0.25),
  raiseWithin: durationMs('1d').prefault('1d'),
});

export type SloSeverityConfig = z.output<typeof sloSeveritySchema>;
export type SloConfig = z.output<typeof sloSchema>;

/** The severity ids the policy names, with their config paths, for checking against the configured severities. */
export const policySeverities = (policy: SloSeverityConfig): Array<[keyof SloSeverityConfig, string]> =>
  (['fastPage', 'slowPage', 'ticket', 'raiseTo'] as const).flatMap((key) => {
    const id = policy[key];
    return id === null ? [] : [[key, id] as [keyof SloSeverityConfig, string]];
  });

/** The policy in the domain's terms: ids the configured severities do not have suggest nothing. */
export function sloPolicyOf(policy: SloSeverityConfig, severityIds: readonly string[]): SloSeverityPolicy {
  const known = (id: string | null): string | null => (id !== null && severityIds.includes(id) ? id : null);
  return {
    fastPage: known(policy.fastPage),
    slowPage: known(policy.slowPage),
    ticket: known(policy.ticket),
    raiseTo: known(policy.raiseTo),
    raiseBelowBudget: policy.raiseBelowBudget,
    raiseWithinMs: policy.raiseWithin,
  };
}

export const sloDefinitionsOf = (slos: readonly SloConfig[]): SloDefinition[] =>
  slos.map((slo) => ({
    name: slo.metadata.name,
    displayName: slo.metadata.displayName ?? null,
    service: slo.spec.service ?? null,
    objective: slo.spec.objectives[0]?.target ?? 0,
    periodMs: slo.spec.timeWindow[0]?.duration ?? 30 * DAY_MS,
  }));
