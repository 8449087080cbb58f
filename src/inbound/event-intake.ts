import type { ArrivedEvent, InboxQueue } from './inbox.js';

interface Waiting {
  readonly event: ArrivedEvent;
  resolve(fresh: boolean): void;
  reject(error: unknown): void;
}

/**
 * Group commit for arriving events: requests that arrive together are stored in one transaction. The first arrival
 * waits at most `maxWaitMs` for company; while a batch is being written, the next one gathers, so the wait is
 * bounded by one write. Each caller learns whether its event was new (true) or a re-delivery (false), and only then
 * answers Slack.
 */
export class EventIntake {
  private waiting: Waiting[] = [];
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastArrival = -Infinity;

  constructor(
    private readonly inbox: Pick<InboxQueue, 'acceptEvents'>,
    private readonly options: { maxWaitMs: number; maxBatch: number } = { maxWaitMs: 2, maxBatch: 500 },
  ) {}

  accept(event: ArrivedEvent): Promise<boolean> {
    this.lastArrival = performance.now();
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      if (this.writing) return;
      if (this.waiting.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
    });
  }

  /** Resolves once everything accepted so far is stored (or refused). */
  async drained(): Promise<void> {
    while (this.writing || this.waiting.length > 0) {
      if (!this.writing) this.flush();
      await this.writing;
    }
  }

  /** Whether events arrived in the last `withinMs` (an alert storm is going on). */
  arrivingWithin(withinMs: number): boolean {
    return performance.now() - this.lastArrival < withinMs;
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, this.options.maxBatch);
    this.writing = this.inbox
      .acceptEvents(batch.map((w) => w.event))
      .then(
        (fresh) => batch.forEach((w, i) => w.resolve(fresh[i] ?? false)),
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        this.writing = null;
        if (this.waiting.length > 0) this.flush();
      });
  }
}
