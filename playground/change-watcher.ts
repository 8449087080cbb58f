/** Notices when what the page shows has changed, so open pages refetch (server-sent events) instead of polling. */
export class ChangeWatcher {
  private last = '';
  private counter = 0;
  private readonly listeners = new Set<(version: string) => void>();
  private readonly timer: NodeJS.Timeout;

  /** `fingerprint` must be cheap: it is read every `everyMs`. */
  constructor(fingerprint: () => string, everyMs = 150) {
    const check = (): void => {
      const now = fingerprint();
      if (now === this.last) return;
      this.last = now;
      this.counter += 1;
      for (const listener of this.listeners) listener(this.version);
    };
    check();
    this.timer = setInterval(check, everyMs);
  }

  get version(): string {
    return String(this.counter);
  }

  subscribe(listener: (version: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    clearInterval(this.timer);
    this.listeners.clear();
  }
}
