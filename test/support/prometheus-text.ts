/**
 * Reads Prometheus' text exposition format (version 0.0.4), enough for tests: `# TYPE` lines and samples
 * `name{label="value",…} number`, with the label escapes the format allows (\\, \", \n).
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Exposition {
  readonly types: ReadonlyMap<string, string>;
  readonly samples: readonly Sample[];
}

const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;

const unescape = (value: string): string => value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));

const toNumber = (text: string): number => (text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text));

export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1] ?? '', type[2] ?? '');
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key ?? ''] = unescape(value ?? '');
    samples.push({ name: match[1] ?? '', labels, value: toNumber(match[3] ?? '') });
  }
  return { types, samples };
}

/** Every name a scrape may carry: each metric's own, and a histogram's or summary's series names. */
export function seriesNames(exposition: Exposition): Set<string> {
  const names = new Set<string>();
  for (const [name, type] of exposition.types) {
    names.add(name);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

/** The samples of `name` whose labels include `labels`. */
export const samplesOf = (exposition: Exposition, name: string, labels: Record<string, string> = {}): Sample[] =>
  exposition.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

/** The one value of `name` with `labels` (throws when there is not exactly one). */
export function valueOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  const found = samplesOf(exposition, name, labels);
  if (found.length !== 1) throw new Error(`${found.length} samples of ${name}${JSON.stringify(labels)}`);
  return found[0]?.value ?? NaN;
}

/** The sum over every sample of `name` with `labels` (what a dashboard's `sum` shows). */
export const sumOf = (exposition: Exposition, name: string, labels: Record<string, string> = {}): number =>
  samplesOf(exposition, name, labels).reduce((total, s) => total + s.value, 0);
