import type { Clock } from '../domain/clock.js';
import type { Severity } from '../domain/severity.js';
import type { Store } from './ports.js';

/** What every use case may touch. `effectsQueued` wakes the outbox so Slack follows a change at once. */
export interface UseCaseDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly severities: readonly Severity[];
  readonly effectsQueued: () => void;
}
