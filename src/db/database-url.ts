/** What `DATABASE_URL` names: an SQLite file (one replica) or a PostgreSQL server (one or more). */
export type DatabaseTarget = { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };

const EXAMPLES = 'sqlite:./data/incident-bot.db (or sqlite::memory:) or postgres://user:password@host:5432/incident_bot';

/** `DATABASE_URL` read into a target, or why it cannot be one (judged before anything opens or connects). */
export function parseDatabaseUrl(value: string): { ok: true; value: DatabaseTarget } | { ok: false; error: string } {
  const sqlite = /^sqlite:(\/\/)?(.+)$/.exec(value);
  if (sqlite?.[2] !== undefined) return { ok: true, value: { kind: 'sqlite', path: sqlite[2] } };
  if (!/^postgres(ql)?:\/\//i.test(value)) return { ok: false, error: `must look like ${EXAMPLES}` };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, error: 'is not a valid URL; write it like postgres://user:password@host:5432/incident_bot' };
  }
  if (url.hostname === '' && !url.searchParams.has('host')) return { ok: false, error: 'names no server; write it like postgres://user:password@host:5432/incident_bot' };
  if (url.pathname.replace(/^\//, '') === '') return { ok: false, error: 'names no database; add it after the host, e.g. postgres://user@host:5432/incident_bot' };
  return { ok: true, value: { kind: 'postgres', url: value } };
}

/** `user@host:port/database`, never the password: what a log line or an error may show. */
export function describePostgresUrl(value: string): string {
  try {
    const url = new URL(value);
    const user = url.username === '' ? '' : `${decodeURIComponent(url.username)}@`;
    const host = url.hostname === '' ? (url.searchParams.get('host') ?? 'localhost') : url.hostname;
    return `${user}${host}:${url.port === '' ? '5432' : url.port}${url.pathname}`;
  } catch {
    return 'the configured server';
  }
}
