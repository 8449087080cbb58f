import { Histogram, type MetricObjectWithValues, type MetricValueWithName, type Registry } from 'prom-client';

/** One series of a histogram as the record holds it: counts per bucket (not cumulative), then the overflow. */
export interface RecordedSeries {
  readonly labels: Readonly<Record<string, string>>;
  /** One count per bound, then one for beyond the largest bound. */
  readonly perBucket: readonly number[];
  readonly sum: number;
  readonly count: number;
}

export interface RecordHistogramConfig {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly buckets: readonly number[];
  readonly registers: Registry[];
}

/**
 * A histogram whose buckets are read from the record at scrape time instead of observed in this process: the same
 * on every replica and across restarts. prom-client only observes values one by one, so this one replaces what a
 * scrape reads: `get`, and `getForPromString`, which the registry prefers when it renders the text format.
 */
export class RecordHistogram extends Histogram {
  private readonly name: string;
  private readonly bounds: readonly number[];
  /** The same histogram, registered nowhere and never observed: its `get` gives name, help, type and aggregator. */
  private readonly shape: Histogram;

  constructor(
    config: RecordHistogramConfig,
    private readonly read: () => Promise<readonly RecordedSeries[]>,
  ) {
    super({ name: config.name, help: config.help, labelNames: config.labelNames, buckets: [...config.buckets], registers: config.registers });
    this.name = config.name;
    this.bounds = [...config.buckets];
    this.shape = new Histogram({ name: config.name, help: config.help, labelNames: config.labelNames, buckets: [...config.buckets], registers: [] });
  }

  override async get(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    const [base, series] = await Promise.all([this.shape.get(), this.read()]);
    const values: Array<MetricValueWithName<string>> = [];
    for (const s of series) {
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += s.perBucket[i] ?? 0;
        values.push({ metricName: `${this.name}_bucket`, labels: { ...s.labels, le: bound }, value: cumulative });
      });
      values.push({ metricName: `${this.name}_bucket`, labels: { ...s.labels, le: '+Inf' }, value: s.count });
      values.push({ metricName: `${this.name}_sum`, labels: { ...s.labels }, value: s.sum });
      values.push({ metricName: `${this.name}_count`, labels: { ...s.labels }, value: s.count });
    }
    return { ...base, values };
  }

  getForPromString(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    return this.get();
  }
}
