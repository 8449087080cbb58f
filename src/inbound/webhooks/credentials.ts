import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AlertSourceSettings } from '../../config.js';

/** A signed request's timestamp may be this far from now, either way (as for Slack's own requests). */
export const MAX_SIGNATURE_SKEW_SECONDS = 300;

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Equal strings, compared in time that depends on neither (both are hashed to one length first). */
export const sameSecret = (given: string, expected: string): boolean => timingSafeEqual(digest(given), digest(expected));

function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name.toLowerCase()];
  return typeof value === 'string' ? value : null;
}

/** `Authorization: Bearer <token>` carrying the source's token. */
export function bearerMatches(headers: IncomingHttpHeaders, token: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header(headers, 'authorization') ?? '');
  return match?.[1] !== undefined && sameSecret(match[1], token);
}

export type SignatureVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * The body's HMAC-SHA256 in hex, as Grafana signs it: over `<unix seconds>:<body>` when a timestamp header is
 * configured (which must then be within five minutes of now), over the body alone otherwise.
 */
export function signatureMatches(headers: IncomingHttpHeaders, body: Buffer, signature: NonNullable<AlertSourceSettings['signature']>, nowMs: number): SignatureVerdict {
  const given = signature.headers.map((name) => header(headers, name)).find((value) => value !== null);
  if (given === undefined) return { ok: false, reason: `no signature header (${signature.headers.join(' or ')})` };
  const hmac = createHmac('sha256', signature.secret);
  if (signature.timestampHeader !== null) {
    const timestamp = header(headers, signature.timestampHeader);
    if (timestamp === null || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: `no timestamp header (${signature.timestampHeader})` };
    const skew = Math.abs(Math.floor(nowMs / 1000) - Number(timestamp));
    if (skew > MAX_SIGNATURE_SKEW_SECONDS) return { ok: false, reason: `the signed timestamp is ${skew}s away from now` };
    hmac.update(`${timestamp}:`);
  }
  const expected = hmac.update(body).digest('hex');
  // A proxy may prefix the algorithm (`sha256=…`); Grafana sends bare hex.
  const hex = given.trim().replace(/^sha256=/i, '').toLowerCase();
  return sameSecret(hex, expected) ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}
