/** Reading Web API arguments: form fields are all strings, JSON bodies may carry real booleans and numbers. */
import type { ApiFailure, ApiResult, Args } from './types.js';

export function str(args: Args, key: string): string | undefined {
  const v = args[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

export function bool(args: Args, key: string): boolean {
  const v = args[key];
  return v === true || v === 1 || v === 'true' || v === '1';
}

export function int(args: Args, key: string, fallback: number): number {
  const v = args[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isInteger(n) ? n : fallback;
}

export function ok(extra: Record<string, unknown> = {}): ApiResult {
  return { ok: true, ...extra };
}

export function fail(error: string): ApiFailure {
  return { ok: false, error };
}

/** Cursor pagination as Slack does it: opaque `next_cursor`, empty string on the last page. */
export function paginate<T>(items: readonly T[], args: Args, defaultLimit: number): { page: T[]; nextCursor: string } {
  const limit = Math.min(Math.max(int(args, 'limit', defaultLimit), 1), 1000);
  const cursor = str(args, 'cursor') ?? '';
  const decoded = cursor === '' ? '' : Buffer.from(cursor, 'base64').toString('utf8');
  const offset = decoded.startsWith('next:') ? Number(decoded.slice(5)) || 0 : 0;
  const page = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? Buffer.from(`next:${offset + limit}`).toString('base64') : '';
  return { page, nextCursor: next };
}
