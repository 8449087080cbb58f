/**
 * A webhook notification in the inbox, next to Slack's events: its kind names the source (`alerts/<kind>/<name>`), its
 * key is the source's alert channel (read in order with that channel's Slack events), its event id is a digest of
 * what it reports (an HA pair's twin, or a notification sent again, is stored once), and its body is the request body
 * exactly as it came.
 */
import { createHash } from 'node:crypto';
import type { IncomingNotification } from '../../app/ingest-notification.js';
import type { AlertSourceSettings } from '../../config.js';
import { readNotification, type WebhookNotification } from '../../domain/alerts/webhooks/index.js';
import type { ArrivedEvent, StoredEvent } from '../inbox.js';

const PREFIX = 'alerts/';

export function arrivedNotification(source: AlertSourceSettings, notification: WebhookNotification, body: string, receivedAt: Date): ArrivedEvent {
  const digest = createHash('sha256').update(notification.identity).digest('base64url');
  return { eventId: `${PREFIX}${source.name}/${digest}`, key: source.channelId, kind: `${PREFIX}${source.kind}/${source.name}`, body, receivedAt };
}

export const isStoredNotification = (event: Pick<StoredEvent, 'kind'>): boolean => event.kind.startsWith(PREFIX);

/**
 * A stored notification read again for triage. It was read once before it was stored; if its source is no longer
 * configured it is dropped (null), and if it no longer reads (a new version of the reader) that is an error the drain
 * retries and then buries.
 */
export function incomingNotification(event: StoredEvent, sources: readonly AlertSourceSettings[]): IncomingNotification | null {
  const [kind, name] = event.kind.slice(PREFIX.length).split('/');
  const source = sources.find((s) => s.name === name && s.kind === kind);
  if (!source) return null;
  let body: unknown;
  try {
    body = JSON.parse(event.body);
  } catch {
    throw new Error(`stored ${event.kind} notification is not JSON`);
  }
  const read = readNotification(source.kind, body);
  if (!read.ok) throw new Error(`stored ${event.kind} notification no longer reads: ${read.error}`);
  return { channelId: source.channelId, at: event.receivedAt, alerts: read.value.alerts, truncated: read.value.truncated };
}
