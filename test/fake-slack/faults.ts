/** Faults a test asks for: 429s, 5xx answers, and calls that hang until released. */

export type Fault = { kind: 'ratelimited'; retryAfterSeconds: number } | { kind: 'http_error'; status: number };

export class FaultPlan {
  private readonly queued = new Map<string, Fault[]>();
  private readonly hung = new Set<string>();
  private readonly parked = new Map<string, Array<() => void>>();

  /** Replaces what is queued for `method`: the next `times` calls get `fault` (0 clears). */
  set(method: string, fault: Fault, times: number): void {
    this.queued.set(method, Array.from({ length: Math.max(0, times) }, () => fault));
  }

  /** The next queued fault for `method`, used up by this call. */
  take(method: string): Fault | undefined {
    return this.queued.get(method)?.shift();
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
  }
}
