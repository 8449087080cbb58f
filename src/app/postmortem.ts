import { groupMessage } from './alert-groups.js';
import type { Incident } from '../domain/incident.js';
import { draftToJson } from '../domain/postmortem/codec.js';
import { markdownDialect } from '../domain/postmortem/dialect.js';
import { buildDraft, type PostmortemDraft } from '../domain/postmortem/draft.js';
import { renderDocument, toMarkdown } from '../domain/postmortem/render.js';
import { summarizeIncidents, type IncidentStats } from '../domain/postmortem/stats.js';
import { err, ok, type Result } from '../domain/result.js';
import type { Severity } from '../domain/severity.js';
import type { AppError } from './app-error.js';
import type { DraftSettings, UseCaseDeps } from './deps.js';
import { readableBy } from './access.js';
import { findIncident, type Target } from './mutate-incident.js';
import type { IncidentRecords } from './ports.js';
import type { StoredDraft } from './postmortem-ports.js';

/** Where the workspace URL learned from `auth.test` is kept, so drafts (and the CLI) can build permalinks offline. */
export const TEAM_URL_KEY = 'slack.team_url';
export const BOT_USER_KEY = 'slack.bot_user_id';

export interface DraftContext extends DraftSettings {
  readonly severities: readonly Severity[];
  readonly botUserId: string | null;
}

export interface ComposedDraft {
  readonly draft: PostmortemDraft;
  readonly markdown: string;
  readonly json: string;
}

const contextOf = (deps: UseCaseDeps): DraftContext => ({ ...deps.postmortem, severities: deps.severities, botUserId: deps.botUserId });

/** Reads what a draft needs from the record and writes it: data, markdown and JSON. */
export async function composeDraft(
  records: Pick<IncidentRecords, 'timeline' | 'followUps' | 'alertGroupOfIncident' | 'readState'>,
  incident: Incident,
  version: number,
  now: Date,
  context: DraftContext,
): Promise<ComposedDraft> {
  const [timeline, followUps, group, teamUrl] = await Promise.all([
    records.timeline(incident.number),
    records.followUps(incident.number),
    records.alertGroupOfIncident(incident.number),
    records.readState(TEAM_URL_KEY),
  ]);
  const draft = buildDraft({
    incident,
    timeline,
    followUps,
    firstAlert: group ? { name: group.first.name, source: group.first.source, at: group.counts.firstSeenAt, message: groupMessage(group) } : null,
    severities: context.severities,
    version,
    generatedAt: now,
    teamUrl,
    botUserId: context.botUserId,
  });
  const markdown = toMarkdown(renderDocument(draft, { words: context.words, dialect: markdownDialect, timeZone: context.timeZone }));
  return { draft, markdown, json: draftToJson(draft) };
}

/** Stores the next version of an incident's draft and queues posting it, in the caller's transaction. */
export async function recordDraft(deps: UseCaseDeps, records: IncidentRecords, incident: Incident, actorId: string): Promise<StoredDraft> {
  const now = deps.clock.now();
  const version = ((await records.latestDraft(incident.number))?.version ?? 0) + 1;
  const { markdown, json } = await composeDraft(records, incident, version, now, contextOf(deps));
  const stored = await records.insertDraft({ incidentNumber: incident.number, version, markdown, json, createdAt: now, createdBy: actorId });
  await records.enqueue({ kind: 'post_postmortem', incidentNumber: incident.number, draftId: stored.id }, now);
  return stored;
}

/** `/incident postmortem`: a new version from the record as it is now, posted under the summary card. */
export async function generatePostmortem(deps: UseCaseDeps, target: Target): Promise<Result<{ incident: Incident; draft: StoredDraft }, AppError>> {
  // Posting a new version under the card changes the incident's channel: members only.
  const found = await findIncident(deps, target, 'change');
  if (!found.ok) return found;
  const outcome = await deps.store.transaction(async (records): Promise<Result<{ incident: Incident; draft: StoredDraft }, AppError>> => {
    const incident = await records.getIncident(found.value.number);
    if (!incident) return err({ code: 'incident_not_found', number: found.value.number });
    return ok({ incident, draft: await recordDraft(deps, records, incident, target.actorId) });
  });
  if (outcome.ok) deps.effectsQueued();
  return outcome;
}

/**
 * Rewrites a stored version from the record just before it is posted: the bot's own timeline messages (posted by
 * the outbox after the change that queued the draft) then have their permalinks. The version number stays.
 */
export async function refreshDraft(records: IncidentRecords, draftId: number, now: Date, context: DraftContext): Promise<StoredDraft | null> {
  const stored = await records.getDraft(draftId);
  const incident = stored ? await records.getIncident(stored.incidentNumber) : undefined;
  if (!stored || !incident) return null;
  const composed = await composeDraft(records, incident, stored.version, now, context);
  await records.updateDraft(stored.id, { markdown: composed.markdown, json: composed.json });
  return { ...stored, markdown: composed.markdown, json: composed.json };
}

/** The latest stored draft, or (when there is none) one composed now and not stored: the CLI's export. */
export async function latestDraft(
  records: IncidentRecords,
  incidentNumber: number,
  now: Date,
  context: DraftContext,
): Promise<Result<{ markdown: string; json: string; version: number; stored: boolean }, AppError>> {
  const incident = await records.getIncident(incidentNumber);
  if (!incident) return err({ code: 'incident_not_found', number: incidentNumber });
  const stored = await records.latestDraft(incidentNumber);
  if (stored) return ok({ markdown: stored.markdown, json: stored.json, version: stored.version, stored: true });
  const composed = await composeDraft(records, incident, 1, now, context);
  return ok({ markdown: composed.markdown, json: composed.json, version: 1, stored: false });
}

/**
 * `/incident stats [30d]`: incidents declared in the period that `actorId` may see (private ones only for members of
 * their channels), by severity, and the median and p90 of each duration.
 */
export async function incidentStats(deps: UseCaseDeps, actorId: string, periodMs: number): Promise<IncidentStats> {
  const until = deps.clock.now();
  const since = new Date(until.getTime() - periodMs);
  const visible = await readableBy(deps, await deps.store.incidentsDeclaredSince(since), actorId);
  return summarizeIncidents(visible, deps.severities, since, until);
}
