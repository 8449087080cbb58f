import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { sloDefinitionsOf, sloPolicyOf } from '../config-slo-schema.js';
import type { Clock } from '../domain/clock.js';
import type { SloEffectSettings } from '../slack/effects/slo-shown.js';
import { prometheusBudgetReader } from './slo-budget-reader.js';

/** The configured SLOs, severity policy and (with `prometheus.url`) the reader of their budgets. */
export function sloEffectSettings(config: Pick<AppConfig, 'prometheus' | 'slos' | 'sloSeverity' | 'severities'>, clock: Clock, log: Logger): SloEffectSettings {
  const { prometheus } = config;
  const budgets = prometheus
    ? prometheusBudgetReader({ url: prometheus.url, timeoutMs: prometheus.timeout, cacheForMs: prometheus.cacheFor }, () => clock.now().getTime(), (error, slo) =>
        log.warn({ err: error, slo }, 'Prometheus did not answer for an SLO; its reply shows the numbers its labels give'),
      )
    : null;
  return {
    settings: { definitions: sloDefinitionsOf(config.slos), policy: sloPolicyOf(config.sloSeverity, config.severities.map((s) => s.id)), budgets },
    timeoutMs: prometheus?.timeout ?? 2_000,
  };
}
