import type { FollowUp, Incident, MessageRef, Milestones, Status, TimelineEvent, TimelineKind } from '../incident.js';
import { incidentRef } from '../incident.js';
import type { Severity } from '../severity.js';
import { measureDurations, type MeasuredDuration } from './durations.js';

/** The first alert of the group an incident was declared from: how it was detected. */
export interface FirstAlert {
  readonly name: string;
  readonly source: string;
  readonly at: Date;
  readonly message: MessageRef | null;
}

export interface DraftInput {
  readonly incident: Incident;
  readonly timeline: readonly TimelineEvent[];
  readonly followUps: readonly FollowUp[];
  readonly firstAlert: FirstAlert | null;
  readonly severities: readonly Severity[];
  readonly version: number;
  readonly generatedAt: Date;
  /** `https://acme.slack.com/` from auth.test; without it lines carry channel and ts instead of a permalink. */
  readonly teamUrl: string | null;
  /** The bot itself is not a participant. */
  readonly botUserId: string | null;
}

export interface DraftLine {
  readonly at: Date;
  readonly kind: TimelineKind;
  readonly actorId: string | null;
  readonly text: string | null;
  /** What changed: severity labels, status ids, user ids (commander), or the prompt and its answer. */
  readonly from: string | null;
  readonly to: string | null;
  readonly message: MessageRef | null;
  readonly permalink: string | null;
}

export type Detection =
  | { readonly kind: 'alert'; readonly name: string; readonly source: string; readonly at: Date; readonly message: MessageRef | null; readonly permalink: string | null }
  | { readonly kind: 'manual'; readonly by: string; readonly at: Date };

export interface ActionItem {
  readonly text: string;
  readonly ownerId: string | null;
  readonly done: boolean;
}

/** A postmortem draft as data: what the record says, nothing rendered. Markdown and Slack are views of it. */
export interface PostmortemDraft {
  readonly incidentNumber: number;
  readonly version: number;
  readonly generatedAt: Date;
  readonly title: string;
  readonly severity: string | null;
  readonly status: Status;
  readonly commanderId: string | null;
  readonly participants: readonly string[];
  readonly declaredBy: string;
  readonly impact: string;
  readonly lastUpdate: string | null;
  readonly detection: Detection;
  readonly milestones: Milestones;
  readonly durations: readonly MeasuredDuration[];
  readonly timeline: readonly DraftLine[];
  readonly resolution: string | null;
  readonly cause: string | null;
  /** Five answers to "why?"; the first is the entered cause when there is one, the rest are for the team. */
  readonly whys: readonly (string | null)[];
  readonly actionItems: readonly ActionItem[];
}

export const draftRef = (draft: Pick<PostmortemDraft, 'incidentNumber'>): string => incidentRef(draft.incidentNumber);

/** `https://acme.slack.com/archives/C0123/p1700000000000100`, with the thread for a reply. */
export function permalink(teamUrl: string, ref: MessageRef): string {
  const base = `${teamUrl.endsWith('/') ? teamUrl : `${teamUrl}/`}archives/${ref.channelId}/p${ref.ts.replace('.', '')}`;
  return ref.threadTs && ref.threadTs !== ref.ts ? `${base}?thread_ts=${ref.threadTs}&cid=${ref.channelId}` : base;
}

const text = (value: string | number | boolean | null | undefined): string | null => (typeof value === 'string' && value !== '' ? value : null);

const severityLabel =
  (severities: readonly Severity[]) =>
  (id: string | null): string | null =>
    id === null ? null : (severities.find((s) => s.id === id)?.label ?? id);

/** One timeline event as a draft line: what changed (severity labels, status ids, users) and its permalink. */
export function draftLine(event: TimelineEvent, severities: readonly Severity[], teamUrl: string | null): DraftLine {
  const label = severityLabel(severities);
  const d = event.data;
  const change = ((): { from: string | null; to: string | null } => {
    switch (event.kind) {
      case 'declared':
        return { from: null, to: label(text(d.severity)) };
      case 'severity_changed':
        return { from: label(text(d.from)), to: label(text(d.to)) };
      case 'status_changed':
      case 'commander_changed':
      case 'lead_handoff_requested':
      case 'lead_handoff_declined':
        return { from: text(d.from), to: text(d.to) };
      case 'followup_added':
        return { from: null, to: text(d.owner) };
      case 'prompt_answered':
        return { from: text(d.prompt), to: text(d.answer) };
      default:
        return { from: null, to: null };
    }
  })();
  return {
    at: event.occurredAt,
    kind: event.kind,
    actorId: event.actorId,
    text: event.text,
    ...change,
    message: event.message,
    permalink: event.message && teamUrl ? permalink(teamUrl, event.message) : null,
  };
}

/** Builds the draft from the stored record. Pure: the version, the time and the workspace URL are inputs. */
export function buildDraft(input: DraftInput): PostmortemDraft {
  const { incident, severities, teamUrl } = input;
  const label = severityLabel(severities);
  const timeline = input.timeline.map((event) => draftLine(event, severities, teamUrl));

  const people = [incident.declaredBy, incident.commanderId, ...incident.responders, ...timeline.map((line) => line.actorId)];
  const participants = [...new Set(people.filter((u): u is string => u !== null && u !== input.botUserId))];

  const alert = input.firstAlert;
  const detection: Detection = alert
    ? { kind: 'alert', name: alert.name, source: alert.source, at: alert.at, message: alert.message, permalink: alert.message && teamUrl ? permalink(teamUrl, alert.message) : null }
    : { kind: 'manual', by: incident.declaredBy, at: incident.milestones.declaredAt };

  return {
    incidentNumber: incident.number,
    version: input.version,
    generatedAt: input.generatedAt,
    title: incident.title,
    severity: label(incident.severity),
    status: incident.status,
    commanderId: incident.commanderId,
    participants,
    declaredBy: incident.declaredBy,
    impact: incident.impact,
    lastUpdate: incident.lastUpdate?.text ?? null,
    detection,
    milestones: incident.milestones,
    durations: measureDurations(incident.milestones),
    timeline,
    resolution: incident.resolutionSummary,
    cause: incident.cause,
    whys: [incident.cause, null, null, null, null],
    actionItems: input.followUps.map((f) => ({ text: f.text, ownerId: f.ownerId, done: f.done })),
  };
}
