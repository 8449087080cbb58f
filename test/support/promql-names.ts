/**
 * The metric names a PromQL expression reads. Prometheus itself checks the syntax (`promtool check rules`); this only
 * needs to find names: strings, label matchers, ranges and grouping clauses are set aside, then every identifier that
 * is not a function, an aggregation, a keyword or a duration is a metric.
 */
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan', 'atan2']);

export function metricNamesIn(expr: string): Set<string> {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/(?<![\w.:$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, name, call] = match;
    if (name === undefined || call !== undefined || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return names;
}

/** Grafana's variables as Prometheus would see them once Grafana has put their values in. */
export const withGrafanaVariables = (expr: string): string =>
  expr
    .replace(/\$__rate_interval|\$__interval|\$\{__rate_interval\}|\$\{__interval\}/g, '1m')
    .replace(/\$__range|\$\{__range\}/g, '1d')
    .replace(/\$\{?\w+\}?/g, '.*');
