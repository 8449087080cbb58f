import type { Clock } from '../domain/clock.js';
import type { Rotation } from '../domain/oncall/rotation.js';
import type { HandoffSchedule } from '../domain/oncall/schedule.js';
import type { PostmortemWords } from '../domain/postmortem/words.js';
import type { PromptTiming } from '../domain/prompts.js';
import type { Severity } from '../domain/severity.js';
import type { TriageRule } from '../domain/triage/rules.js';
import type { Backpressure } from './backpressure.js';
import type { Store } from './ports.js';
import type { Membership } from './access-ports.js';
import type { SloSettings } from './slo-report.js';

/** What every use case may touch. `effectsQueued` wakes the outbox so Slack follows a change at once. */
export interface UseCaseDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly severities: readonly Severity[];
  readonly promptTiming: PromptTiming;
  /** Where update nudges go: the incident channel (mentioning the commander) or the commander's DMs. */
  readonly nudgeVia: 'channel' | 'dm';
  readonly effectsQueued: () => void;
  readonly triage: TriageConfig;
  /** Who the record names as actor when the bot itself acts (a rule declaring an incident). */
  readonly botUserId: string;
  readonly oncall: OncallConfig;
  readonly postmortem: DraftSettings;
  /** How far behind reading Slack's events the bot is (storms coalesce replies harder). */
  readonly pressure: Backpressure;
  /** Told the source of every alert stored and the way it came in (`slack` unless said), for the alerts-received metric. */
  readonly alertsRead: (sources: readonly string[], via?: string) => void;
  /** Who is in which channel: private incidents exist only for the members of theirs. */
  readonly membership: Membership;
}

export interface OncallConfig {
  readonly rotations: readonly Rotation[];
  /** Each rotation's handoff times, by rotation name. */
  readonly schedules: ReadonlyMap<string, HandoffSchedule>;
}

/** How drafts are written: the configured time zone and locale. */
export interface DraftSettings {
  readonly timeZone: string;
  readonly words: PostmortemWords;
}

export interface TriageConfig {
  readonly alertChannels: readonly string[];
  readonly groupWindowMs: number;
  readonly groupBy: readonly string[];
  readonly rules: readonly TriageRule[];
  /** At most one Slack write per alert group this often: storms are coalesced, not dropped. */
  readonly replyEveryMs: number;
  /** The configured webhook sources (`alertSources`), named to whoever asks where a group's alerts came from. */
  readonly alertSources: readonly AlertSourceRef[];
  /** The configured SLOs and severity policy, read from an SLO group's labels when it is explained. */
  readonly slo: Pick<SloSettings, 'definitions' | 'policy'>;
}

/** A webhook source as configured, without its secrets. */
export interface AlertSourceRef {
  readonly name: string;
  /** `alertmanager`, `grafana`: the `source` its alerts carry. */
  readonly kind: string;
  readonly channelId: string;
}
