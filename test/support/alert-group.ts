import type { AlertGroup } from '../../src/app/triage-ports.js';

/**
 * A group as the store returns it, nobody having acted on it yet (no acknowledgement, mute, dismissal or incident),
 * started by a message (its links are its first alert's link).
 */
export function anAlertGroup(group: Pick<AlertGroup, 'id' | 'fingerprint' | 'fields' | 'channelId' | 'threadTs' | 'subject' | 'first' | 'counts'> & Partial<AlertGroup>): AlertGroup {
  return {
    action: 'suggest',
    ruleIndex: null,
    suggestedSeverity: null,
    acknowledgedBy: null,
    acknowledgedAt: null,
    acknowledgedVia: null,
    mutedUntil: null,
    dismissedBy: null,
    incidentNumber: null,
    replyTs: null,
    replyWrittenAt: null,
    links: group.first.link === null ? [] : [{ kind: 'alert', url: group.first.link }],
    tracksInstances: false,
    truncatedAlerts: 0,
    ...group,
  };
}
