/**
 * Faults a test asks for: 429s, 5xx answers, `ok:false` errors, connection resets (before the work, or after it:
 * "Slack did it but the answer was lost"), calls that hang until released, and random faults at a given rate.
 */

export type Fault =
  | { kind: 'ratelimited'; retryAfterSeconds: number }
  | { kind: 'http_error'; status: number }
  | { kind: 'slack_error'; error: string }
  /** the connection is reset before Slack does anything */
  | { kind: 'reset' }
  /** Slack does the work, then the connection is reset: the caller never sees the answer */
  | { kind: 'answer_lost'; afterDone?: () => void };

export interface Chaos {
  /** chance (0–1) that a call gets one of `faults` */
  readonly rate: number;
  readonly faults: readonly Fault[];
  /** only these methods (default: every method but auth.test) */
  readonly methods?: readonly string[];
  /** a seeded generator makes a run repeatable; defaults to Math.random */
  readonly random?: () => number;
}

export class FaultPlan {
  private readonly queued = new Map<string, Array<{ fault: Fault; only: ((args: Record<string, unknown>) => boolean) | undefined }>>();
  private readonly hung = new Set<string>();
  private readonly parked = new Map<string, Array<() => void>>();
  private chaos: Chaos | null = null;

  /** Replaces what is queued for `method`: the next `times` calls (those `only` accepts) get `fault` (0 clears). */
  set(method: string, fault: Fault, times: number, only?: (args: Record<string, unknown>) => boolean): void {
    this.queued.set(method, Array.from({ length: Math.max(0, times) }, () => ({ fault, only })));
  }

  setChaos(chaos: Chaos | null): void {
    this.chaos = chaos;
  }

  /** The fault for this call of `method`: a queued one first (used up), else maybe a random one. */
  take(method: string, args: Record<string, unknown>): Fault | undefined {
    const queued = this.queued.get(method) ?? [];
    const next = queued.findIndex((q) => q.only?.(args) ?? true);
    if (next >= 0) return queued.splice(next, 1)[0]?.fault;
    const chaos = this.chaos;
    if (!chaos || method === 'auth.test' || (chaos.methods && !chaos.methods.includes(method))) return undefined;
    const random = chaos.random ?? Math.random;
    if (random() >= chaos.rate) return undefined;
    return chaos.faults[Math.floor(random() * chaos.faults.length)];
  }

  hang(method: string): void {
    this.hung.add(method);
  }

  isHung(method: string): boolean {
    return this.hung.has(method);
  }

  /** Holds a call until `unhang(method)`. */
  park(method: string, resume: () => void): void {
    const list = this.parked.get(method) ?? [];
    list.push(resume);
    this.parked.set(method, list);
  }

  parkedCount(method: string): number {
    return this.parked.get(method)?.length ?? 0;
  }

  /** Releases held calls; they are then processed as if Slack had only been slow. */
  unhang(method: string): void {
    this.hung.delete(method);
    const list = this.parked.get(method) ?? [];
    this.parked.delete(method);
    for (const resume of list) resume();
  }

  /** Forgets held calls without processing them (the fake is stopping). */
  dropAll(): void {
    this.parked.clear();
    this.hung.clear();
    this.chaos = null;
  }
}
