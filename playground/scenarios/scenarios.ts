/** The scenario buttons: one alert storm at a time, its resolution, and fast-forwarding (one at a time). */
import type { Outcome } from '../person-actions.js';
import type { ScenarioState } from '../web/state.js';
import type { AlertChannelPost } from './alert-posts.js';
import type { TimedPost } from './alert-storm.js';

export interface ScenarioDeps {
  readonly post: (post: AlertChannelPost) => Promise<unknown>;
  readonly storm: () => TimedPost[];
  readonly resolve: () => TimedPost[];
  readonly fastForward: (byMs: number) => Promise<void>;
  readonly onError: (error: unknown) => void;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class Scenarios {
  private readonly deps: ScenarioDeps;
  private storm: ScenarioState['storm'] = 'idle';
  private resolving = false;
  private forwarding: Promise<void> | null = null;
  private running = new Set<Promise<void>>();
  private stopped = false;

  constructor(deps: ScenarioDeps) {
    this.deps = deps;
  }

  get state(): ScenarioState {
    return { storm: this.storm, resolving: this.resolving, fastForwarding: this.forwarding !== null };
  }

  /** Posts each message at its time; runs in the background so the page sees the storm arrive. */
  private replay(plan: readonly TimedPost[], done: () => void): void {
    const started = Date.now();
    const run = (async () => {
      try {
        for (const step of plan) {
          if (this.stopped) return;
          const wait = started + step.at - Date.now();
          if (wait > 0) await pause(wait);
          await this.deps.post(step.post);
        }
      } catch (error) {
        this.deps.onError(error);
      } finally {
        done();
      }
    })();
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  startStorm(): Outcome<{ notice: string }> {
    if (this.storm === 'running') return { ok: false, error: 'An alert storm is already arriving.' };
    this.storm = 'running';
    this.replay(this.deps.storm(), () => {
      this.storm = 'done';
    });
    return { ok: true, notice: 'Alerts are arriving in #alerts.' };
  }

  resolveAlerts(): Outcome<{ notice: string }> {
    if (this.storm === 'idle') return { ok: false, error: 'Nothing is firing yet: start an alert storm first.' };
    if (this.storm === 'running') return { ok: false, error: 'The storm is still arriving; resolve it once it is in.' };
    if (this.resolving) return { ok: false, error: 'The alerts are already being resolved.' };
    this.resolving = true;
    this.replay(this.deps.resolve(), () => {
      this.resolving = false;
    });
    return { ok: true, notice: 'Alertmanager and Grafana are sending their resolved notifications to #alerts.' };
  }

  /** Resolves once the clock has moved (and the bot has done what fell due on the way). */
  async fastForward(byMs: number): Promise<Outcome> {
    if (this.forwarding) return { ok: false, error: 'Already fast-forwarding.' };
    this.forwarding = this.deps.fastForward(byMs);
    try {
      await this.forwarding;
      return { ok: true };
    } finally {
      this.forwarding = null;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.running, ...(this.forwarding ? [this.forwarding] : [])]);
  }
}
