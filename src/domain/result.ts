export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

/** Any value that is a refused Result (the store rolls back work that answers with one). */
export const isRefusal = (value: unknown): value is { readonly ok: false; readonly error: unknown } =>
  typeof value === 'object' && value !== null && 'ok' in value && value.ok === false && 'error' in value;

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
