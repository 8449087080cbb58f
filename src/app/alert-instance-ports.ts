import type { Alert } from '../domain/alerts/alert.js';
import type { InstanceStatus } from '../domain/alerts/instances.js';

/** One alert instance a tool identifies, in the group it counts in, as its latest report left it. */
export interface AlertInstance {
  readonly id: number;
  readonly groupId: number;
  readonly channelId: string;
  readonly status: InstanceStatus;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  /** The latest report (labels, annotations, start and end …). */
  readonly alert: Alert & { readonly fingerprint: string };
}

export interface AlertInstanceRecords {
  /** For each fingerprint from this tool in this channel, its newest instance (its latest occurrence), if ever seen. */
  latestInstances(channelId: string, source: string, fingerprints: readonly string[]): Promise<AlertInstance[]>;
  insertInstance(instance: { groupId: number; channelId: string; alert: AlertInstance['alert']; at: Date }): Promise<number>;
  /** The instance as its latest report says (status, start, end, labels …), seen at `at`. */
  updateInstance(id: number, report: { alert: AlertInstance['alert']; at: Date }): Promise<void>;
  /** Oldest first. */
  instancesOfGroup(groupId: number, limit: number): Promise<AlertInstance[]>;
}
