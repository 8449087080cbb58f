/**
 * Alerts whose instance the tool identifies (webhooks): each report moves its instance (instances.ts) and its group's
 * counts; the group's message is the bot's own when no message started it. A notification's alerts are placed as one
 * batch: the instances are looked up in one query, each group is read once and written once at the end, so a
 * notification of many instances costs about one statement per instance.
 */
import type { IdentifiedAlert } from '../domain/alerts/alert.js';
import { countsAfterInstance, instanceStatus, placeInstance, type InstanceStep } from '../domain/alerts/instances.js';
import { fingerprintOf } from '../domain/triage/fingerprint.js';
import { startGroup } from '../domain/triage/group.js';
import type { TriageDecision } from '../domain/triage/rules.js';
import { afterGroupChange, alertLine, declareIfRuled, groupMessage, groupPatchFor, noteOnTimeline, openGroup, type TimelineNote } from './alert-groups.js';
import type { UseCaseDeps } from './deps.js';
import { storedOnly, type Placed } from './place-message.js';
import type { AlertGroup, AlertGroupPatch } from './triage-ports.js';
import type { AlertInstance } from './alert-instance-ports.js';
import type { IncidentRecords } from './ports.js';

export interface PlacedInstance {
  readonly channelId: string;
  readonly at: Date;
  readonly alert: IdentifiedAlert;
  readonly decision: TriageDecision;
  /** The message it was read from, if any: a group it opens replies in its thread. */
  readonly messageTs: string | null;
}

const STEP_WORDS: Record<InstanceStep, string> = { new: '', again: ' again', resolved: '', seen: '' };

/** The incident timeline's line for a step that changes something; repeats add none. */
function timelineNote(group: AlertGroup, instanceId: number, step: InstanceStep, placed: PlacedInstance): TimelineNote | null {
  if (step === 'seen') return null;
  return { message: groupMessage(group), at: placed.at, summary: alertLine(placed.alert, STEP_WORDS[step]), sourceKey: `instance:${instanceId}:${step}:${placed.at.getTime()}` };
}

const instanceKey = (channelId: string, source: string, fingerprint: string): string => `${channelId} ${source} ${fingerprint}`;

/**
 * What one batch of identified alerts reads and changes, in the caller's transaction: instances and groups are read
 * once and kept; groups whose counts moved are written, and their message queued, once by `finish`.
 */
export class InstanceBatch {
  private readonly instances = new Map<string, AlertInstance>();
  private readonly groups = new Map<number, AlertGroup>();
  /** The newest group of a fingerprint key in a channel (null: none). */
  private readonly newest = new Map<string, number | null>();
  private readonly patches = new Map<number, AlertGroupPatch>();

  constructor(
    private readonly deps: UseCaseDeps,
    private readonly records: IncidentRecords,
  ) {}

  /** Reads the known instances of these alerts in one query. */
  async load(channelId: string, alerts: readonly IdentifiedAlert[]): Promise<void> {
    const bySource = new Map<string, string[]>();
    for (const alert of alerts) bySource.set(alert.source, [...(bySource.get(alert.source) ?? []), alert.fingerprint]);
    for (const [source, fingerprints] of bySource) {
      for (const known of await this.records.latestInstances(channelId, source, fingerprints)) {
        this.instances.set(instanceKey(channelId, source, known.alert.fingerprint), known);
      }
    }
  }

  private async known(channelId: string, alert: IdentifiedAlert): Promise<AlertInstance | undefined> {
    const key = instanceKey(channelId, alert.source, alert.fingerprint);
    if (!this.instances.has(key)) await this.load(channelId, [alert]);
    return this.instances.get(key);
  }

  private async group(id: number): Promise<AlertGroup | undefined> {
    const kept = this.groups.get(id);
    if (kept) return kept;
    const read = await this.records.getGroup(id);
    if (read) this.groups.set(id, read);
    return read;
  }

  /** The newest group of the fingerprint, whatever its age: while any of its instances fire, it is the open occurrence. */
  private async current(key: string, channelId: string): Promise<AlertGroup | undefined> {
    const scope = `${channelId} ${key}`;
    if (!this.newest.has(scope)) {
      const found = await this.records.findOpenGroup(key, channelId, new Date(0));
      if (found) this.groups.set(found.id, found);
      this.newest.set(scope, found?.id ?? null);
    }
    const id = this.newest.get(scope);
    return id === null || id === undefined ? undefined : this.group(id);
  }

  private change(group: AlertGroup, patch: AlertGroupPatch): AlertGroup {
    const changed = { ...group, ...patch, counts: patch.counts ?? group.counts };
    this.groups.set(group.id, changed);
    this.patches.set(group.id, { ...this.patches.get(group.id), ...patch });
    return changed;
  }

  /** Places one report; see placeInstance. */
  async place(placed: PlacedInstance): Promise<Placed> {
    const { deps, records } = this;
    const { alert, at, channelId } = placed;
    const fingerprint = fingerprintOf(alert, deps.triage.groupBy);
    const known = await this.known(channelId, alert);
    const knownGroup = known ? await this.group(known.groupId) : undefined;
    const current = await this.current(fingerprint.key, channelId);
    const placement = placeInstance(alert, {
      known: known ? { groupId: known.groupId, status: known.status, startsAt: known.alert.startsAt, endsAt: known.alert.endsAt } : undefined,
      knownGroup,
      current,
    });
    if (placement.action === 'store') return storedOnly(placement.why);
    const remember = (groupId: number, id: number): void =>
      void this.instances.set(instanceKey(channelId, alert.source, alert.fingerprint), { id, groupId, channelId, status: instanceStatus(alert), firstSeenAt: at, lastSeenAt: at, alert });

    if (placement.action === 'open') {
      // A new occurrence supersedes the fingerprint's earlier group however recent: that one has resolved.
      let group = await openGroup(records, { channelId, threadTs: placed.messageTs, alert, fingerprint, counts: startGroup(alert, at), decision: placed.decision, staleBefore: new Date(at.getTime() + 1) });
      const instanceId = await records.insertInstance({ groupId: group.id, channelId, alert, at });
      remember(group.id, instanceId);
      group = await declareIfRuled(deps, records, group, alert);
      this.groups.set(group.id, group);
      this.newest.set(`${channelId} ${fingerprint.key}`, group.id);
      await afterGroupChange(deps, records, group, timelineNote(group, instanceId, 'new', placed));
      return { stored: true, groupId: group.id, newGroup: true, action: group.action, declaredIncident: group.incidentNumber, storedOnly: null };
    }

    const existing = await this.group(placement.groupId);
    if (!existing) return storedOnly('its group is gone');
    let instanceId: number;
    if (placement.row === 'update' && known) {
      instanceId = known.id;
      await records.updateInstance(known.id, { alert, at });
    } else {
      instanceId = await records.insertInstance({ groupId: existing.id, channelId, alert, at });
    }
    remember(existing.id, instanceId);
    const group = this.change(existing, groupPatchFor(existing, alert, countsAfterInstance(existing.counts, placement.step, at), at));
    const note = timelineNote(group, instanceId, placement.step, placed);
    if (note) await noteOnTimeline(deps, records, group, note);
    return { stored: true, groupId: group.id, newGroup: false, action: group.action, declaredIncident: null, storedOnly: null };
  }

  /** How many alerts of the tool's group its notification left out, shown on the groups it touched. */
  async leftOut(groupIds: Iterable<number>, truncated: number): Promise<void> {
    for (const id of groupIds) {
      const group = await this.group(id);
      if (group && group.truncatedAlerts !== truncated) this.change(group, { truncatedAlerts: truncated });
    }
  }

  /** Writes each changed group once and queues its message (coalesced as ever). */
  async finish(): Promise<void> {
    for (const [id, patch] of this.patches) {
      const group = this.groups.get(id);
      if (!group) continue;
      await this.records.updateGroup(id, patch);
      await afterGroupChange(this.deps, this.records, group, null);
    }
    this.patches.clear();
  }
}
