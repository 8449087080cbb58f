import type { z } from 'zod';
import { err, ok, type Result } from '../../result.js';
import type { IdentifiedAlert } from '../alert.js';

/** One webhook notification, read: its alerts as the domain takes them, and what identifies the notification itself. */
export interface WebhookNotification {
  readonly alerts: readonly IdentifiedAlert[];
  /** Alerts of the tool's group it left out of this notification (Alertmanager's and Grafana's `max_alerts`). */
  readonly truncated: number;
  /**
   * The same for every copy of this notification and different for any change it reports: both members of an HA pair
   * send it (differing only in their own URLs), and a copy of it is stored once.
   */
  readonly identity: string;
}

/**
 * A tool that can notify the bot over HTTP (`POST /alerts/<kind>/<source name>`): it reads the request body (already
 * parsed as JSON) into a notification, or says which field is wrong. Adding a tool is a file with one of these and a
 * line in `index.ts`.
 */
export interface WebhookKind {
  read(body: unknown): Result<WebhookNotification, string>;
  /**
   * Headers the tool puts an HMAC-SHA256 (hex) of the body in when it signs, first found wins; a source of this kind
   * with a signing secret must carry one. Empty when the tool cannot sign (a proxy in front may: name its header).
   */
  readonly signatureHeaders: readonly string[];
}

/** `alerts[0].fingerprint`: the form a person finds in the payload. */
function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');
}

/** The payload checked against its schema; a refusal names the first wrong field and what it should be. */
export function readPayload<T extends z.ZodType>(schema: T, body: unknown): Result<z.output<T>, string> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  if (!issue) return err('the payload is not valid');
  const path = pathOf(issue.path);
  return err(path === '' ? issue.message : `${path}: ${issue.message}`);
}

/**
 * What two copies of one notification share: the tool's group, how many alerts it left out, and each alert's identity
 * and state (sorted, so the order the copies list them in does not matter).
 */
export function notificationIdentity(groupKey: string, truncated: number, alerts: ReadonlyArray<{ fingerprint: string; status: string; startsAt: string; endsAt: string }>): string {
  const states = alerts.map((a) => [a.fingerprint, a.status, a.startsAt, a.endsAt].join(' ')).sort();
  return JSON.stringify([groupKey, truncated, states]);
}
