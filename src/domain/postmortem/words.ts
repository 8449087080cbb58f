import type { Status } from '../incident.js';
import type { DurationId, MilestoneName } from './durations.js';

/**
 * The words of a postmortem draft and of the timeline messages, per locale (i18n/en.ts and ko.ts provide them).
 * Functions take text the caller has already made safe for the output (escaped for Slack, plain for markdown).
 */
export interface PostmortemWords {
  readonly status: Readonly<Record<Status, string>>;
  readonly title: (ref: string, title: string) => string;
  readonly commander: string;
  readonly participants: string;
  readonly noCommander: string;
  readonly nobody: string;
  readonly noSeverity: string;
  readonly version: (n: number) => string;
  readonly supersedes: (n: number, previous: number) => string;
  readonly generated: (when: string) => string;
  readonly headings: {
    readonly summary: string;
    readonly impact: string;
    readonly detection: string;
    readonly durations: string;
    readonly timeline: (timeZone: string) => string;
    readonly resolution: string;
    readonly cause: string;
    readonly whys: string;
    readonly wentWell: string;
    readonly wentPoorly: string;
    readonly lucky: string;
    readonly actionItems: string;
  };
  readonly summary: (ref: string, title: string, declaredAt: string, by: string) => string;
  readonly summaryClosed: (status: string, at: string) => string;
  readonly summaryOpen: (status: string) => string;
  readonly lastUpdate: string;
  readonly noImpact: string;
  readonly detectedByAlert: (name: string, source: string, at: string) => string;
  readonly declaredManually: (by: string, at: string) => string;
  readonly noResolution: string;
  readonly noCause: string;
  readonly durationNames: Readonly<Record<DurationId, string>>;
  readonly milestoneNames: Readonly<Record<MilestoneName, string>>;
  readonly unknown: string;
  /** `unknown (no impact started recorded)` */
  readonly missingMilestone: (milestones: string) => string;
  readonly noTimeline: string;
  readonly why: (n: number, title: string) => string;
  readonly whyPrompt: string;
  readonly whysIntro: string;
  readonly prompts: {
    readonly summary: string;
    readonly impact: string;
    readonly detection: string;
    readonly wentWell: string;
    readonly wentPoorly: string;
    readonly lucky: string;
  };
  readonly owner: (who: string) => string;
  readonly noActionItems: string;
  readonly footer: (definitions: string) => string;
  readonly definition: (duration: string, to: string, from: string) => string;
  readonly events: EventWords;
}

/** One line per timeline event: in the draft's timeline and as the message the bot posts in the card's thread. */
export interface EventWords {
  readonly declared: (title: string, severity: string) => string;
  readonly severityChanged: (from: string, to: string) => string;
  readonly statusChanged: (from: string, to: string) => string;
  readonly commanderChanged: (to: string) => string;
  readonly leadRequested: (to: string) => string;
  /** The proposed commander said no; `from` stays commander. */
  readonly leadDeclined: (from: string) => string;
  readonly statusUpdate: string;
  readonly note: string;
  readonly followUp: string;
  readonly pinned: string;
  readonly impactChanged: string;
  readonly alert: string;
  readonly channelCreated: string;
  /** `answer` is the stored token: `mitigated`, `not_yet`, `snooze:<ms>`, `severity:<id>`… */
  readonly promptAnswered: (answer: string) => string;
}
