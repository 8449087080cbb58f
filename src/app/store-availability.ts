/**
 * Whether the record (the database) can be used now. When it goes away (a restart, a failover, a locked or full file)
 * requests are refused at once, workers wait instead of polling a dead server, and the outage is reported once when
 * it begins and once when it ends. The watch learns of an outage from the errors of real queries; only its probe
 * declares the database back.
 */
export interface StoreAvailability {
  /** False from the first query that found the database away until a probe finds it back. */
  readonly available: boolean;
  /** Outages so far: a worker that held work through one hands it back once it ends. */
  readonly outages: number;
  /** Resolves once the database answers again (at once while it does). */
  whenAvailable(): Promise<void>;
  /** Whether this error is the outage itself (already reported once), rather than a bug or a refusal of its own. */
  explains(error: unknown): boolean;
}

/** Thrown instead of trying the database while it is known to be away. */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
  constructor() {
    super('the database is unavailable');
  }
}

/** A record that is always there: for tests and tools that run without a watch. */
export const ALWAYS_AVAILABLE: StoreAvailability = {
  available: true,
  outages: 0,
  whenAvailable: async () => undefined,
  explains: (error) => error instanceof StoreUnavailable,
};

export interface AvailabilityEvents {
  /** The database went away (the first error that showed it). */
  wentAway(error: unknown): void;
  /** A probe found it back after `awayMs`. */
  cameBack(awayMs: number): void;
}

export interface AvailabilityOptions {
  /** Whether a query's error means the database is away (connection lost, server stopping, file locked or full). */
  readonly isOutage: (error: unknown) => boolean;
  /** A write that succeeds only when the database can be used again. */
  readonly probe: () => Promise<void>;
  readonly events: AvailabilityEvents;
  /** How often the probe runs while the database is away. */
  readonly probeEveryMs?: number;
  /** The probe slows down to this when the database keeps coming back only to go away again at once (a nearly full disk). */
  readonly maxProbeEveryMs?: number;
  readonly nowMs?: () => number;
}

/** The error itself, and what Bolt or a caller wrapped it in. */
function* layers(error: unknown): Generator<object> {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    yield current;
    const { original, cause } = current as { original?: unknown; cause?: unknown };
    current = original ?? cause;
  }
}

/** Watches the errors of real queries and probes, once a second, while the database is away. */
export class AvailabilityWatch implements StoreAvailability {
  private awaySince: number | null = null;
  private backAt = -Infinity;
  private outageCount = 0;
  private probeDelayMs: number;
  private timer: NodeJS.Timeout | null = null;
  private waiters: Array<() => void> = [];
  private stopped = false;
  /** The errors that showed the outage (or came during it): explained by it, so not reported on their own. */
  private readonly outageErrors = new WeakSet<object>();
  private readonly nowMs: () => number;

  constructor(private readonly options: AvailabilityOptions) {
    this.probeDelayMs = options.probeEveryMs ?? 1_000;
    this.nowMs = options.nowMs ?? (() => performance.now());
  }

  get available(): boolean {
    return this.awaySince === null;
  }

  get outages(): number {
    return this.outageCount;
  }

  whenAvailable(): Promise<void> {
    if (this.awaySince === null || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  explains(error: unknown): boolean {
    for (const layer of layers(error)) if (layer instanceof StoreUnavailable || this.outageErrors.has(layer)) return true;
    return false;
  }

  /** Every failed query passes here; an error that means the database is away starts an outage. */
  observe(error: unknown): void {
    if (typeof error !== 'object' || error === null || !this.options.isOutage(error)) return;
    this.outageErrors.add(error);
    if (this.awaySince !== null || this.stopped) return;
    const now = this.nowMs();
    this.awaySince = now;
    this.outageCount += 1;
    const base = this.options.probeEveryMs ?? 1_000;
    // Back and away again within two probes: the database is flapping, so look less often (up to the maximum).
    this.probeDelayMs = now - this.backAt < 2 * base ? Math.min(this.options.maxProbeEveryMs ?? 30_000, this.probeDelayMs * 2) : base;
    this.options.events.wentAway(error);
    this.scheduleProbe();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private scheduleProbe(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.options.probe().then(
        () => this.cameBack(),
        () => this.scheduleProbe(),
      );
    }, this.probeDelayMs);
    this.timer.unref();
  }

  private cameBack(): void {
    if (this.awaySince === null || this.stopped) return;
    const now = this.nowMs();
    const awayMs = now - this.awaySince;
    this.awaySince = null;
    this.backAt = now;
    this.options.events.cameBack(awayMs);
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/**
 * Hands back, once per outage, what a worker still held when the database went away: work in flight then could
 * neither be finished nor handed back, and would otherwise wait for its lease to run out.
 */
export class HandBackAfterOutage {
  private seen: number;

  constructor(
    private readonly availability: StoreAvailability,
    private readonly handBack: () => Promise<unknown>,
  ) {
    this.seen = availability.outages;
  }

  /** False while the database is away; after an outage, true once what was held has been handed back. */
  async ready(): Promise<boolean> {
    if (!this.availability.available) return false;
    const outages = this.availability.outages;
    if (outages !== this.seen) {
      await this.handBack();
      this.seen = outages;
    }
    return true;
  }
}

/**
 * A periodic task (the scheduler's tick) that sits out an outage: it does not run while the database is away, after
 * one it first hands back what it held, and a failure that is the outage itself is left to the watch's one report.
 */
export function skippingOutages(availability: StoreAvailability, handBack: () => Promise<unknown>, task: () => Promise<void>): () => Promise<void> {
  const resume = new HandBackAfterOutage(availability, handBack);
  return async () => {
    try {
      if (await resume.ready()) await task();
    } catch (error) {
      if (!availability.explains(error)) throw error;
    }
  };
}

/** Runs `work` now, or refuses at once while the database is known to be away: no request waits on a server that is not there. */
export async function unlessAway<T>(availability: StoreAvailability, work: () => Promise<T>): Promise<T> {
  if (!availability.available) throw new StoreUnavailable();
  return work();
}
