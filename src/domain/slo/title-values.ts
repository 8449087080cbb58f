/**
 * What Alertmanager's default Slack title keeps of an SLO alert's labels: only values. `__subject` in
 * `template/default.tmpl` writes the group labels' values, then the other common labels' values in parentheses, each
 * list sorted by label name with `alertname` first (`KV.SortedPairs` in `template/template.go`). Sloth's and Pyrra's
 * labels can still be told apart by their values:
 * - Sloth: `sloth_id` is `<sloth_service>-<sloth_slo>` (`internal/storage/io/sloth.go`), and `sloth_severity` is `page`
 *   or `ticket` when the title has one (a group with both tiers has no common `sloth_severity`), `sloth_window` the
 *   duration right after `sloth_slo`.
 * - Pyrra: `long` and `exhaustion` are durations whose ratio is one of Pyrra's windows (see slo-alert.ts), `short` a
 *   twelfth of `long`; `slo` sorts soon after `short`: the first value after it that is neither a duration nor a
 *   severity (or, when the route groups by `slo`, among the group values). A notification with two tiers of one SLO
 *   shares none of these values: its title is not recognised.
 */
import { sloAlertOf } from './slo-alert.js';
import { parsePrometheusDuration } from './prometheus-duration.js';

type Labels = Record<string, string>;

function slothLabels(values: readonly string[]): Labels | null {
  for (const id of values) {
    for (const service of values) {
      if (service === id || !id.startsWith(`${service}-`)) continue;
      const slo = id.slice(service.length + 1);
      if (slo === '' || !values.includes(slo)) continue;
      const severity = values.find((v) => v === 'page' || v === 'ticket');
      // `sloth_window` sorts right after `sloth_slo`: the page's speed (slo-alert.ts).
      const window = values[values.lastIndexOf(slo) + 1];
      return {
        sloth_id: id,
        sloth_service: service,
        sloth_slo: slo,
        ...(severity ? { sloth_severity: severity } : {}),
        ...(window !== undefined && parsePrometheusDuration(window) !== null ? { sloth_window: window } : {}),
      };
    }
  }
  return null;
}

/** `grouped`: the group labels' values after the alert name, where `slo` is when the route groups by it. */
function pyrraLabels(values: readonly string[], grouped: readonly string[] = []): Labels | null {
  const durations = values.filter((v) => parsePrometheusDuration(v) !== null);
  for (const long of durations) {
    for (const exhaustion of durations) {
      if (exhaustion === long) continue;
      // Only a pair that is one of Pyrra's windows counts (its `exhaustion` is its window over its factor).
      const read = sloAlertOf({ name: '', labels: { slo: '-', long, exhaustion }, annotations: {} });
      if (read?.generator !== 'pyrra' || read.threshold === null) continue;
      const longMs = parsePrometheusDuration(long) ?? 0;
      // Pyrra's short window is a twelfth of the long one (a sixteenth for its slowest).
      const short = durations.find((d) => [12, 16].some((n) => Math.abs((parsePrometheusDuration(d) ?? 0) * n - longMs) <= 60_000 * n));
      // `slo` sorts right after `short` (and `severity`) among Pyrra's labels: the first other value after the short.
      const after = short === undefined ? [] : values.slice(values.indexOf(short) + 1);
      const notLabelValue = (v: string): boolean => parsePrometheusDuration(v) === null && v !== 'critical' && v !== 'warning';
      const slo = after.find(notLabelValue) ?? grouped.find(notLabelValue);
      if (!slo) continue;
      const severity = values.find((v) => v === 'critical' || v === 'warning');
      return { slo, long, exhaustion, ...(short ? { short } : {}), ...(severity ? { severity } : {}) };
    }
  }
  return null;
}

/**
 * The SLO labels a default-template title's values stand for (group values, then common values), or null when they
 * are not an SLO alert's.
 */
export function sloLabelsFromTitleValues(groupValues: readonly string[], commonValues: readonly string[]): Labels | null {
  return slothLabels([...groupValues, ...commonValues]) ?? pyrraLabels(commonValues, groupValues.slice(1)) ?? pyrraLabels([...groupValues, ...commonValues]);
}
