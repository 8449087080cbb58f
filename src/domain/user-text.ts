import type { DomainError } from './errors.js';
import { err, ok, type Result } from './result.js';

/**
 * What people type, made safe to store and show. Control characters are stripped (NUL cuts text short in C
 * libraries and terminals; the rest print as nothing or garbage); tab and line breaks stay.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** A lone UTF-16 surrogate cannot be stored as UTF-8; it becomes the replacement character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Characters that take no visible space on their own: whitespace, format characters (zero-width spaces and
 * joiners, direction marks, embeddings, overrides and isolates, soft hyphen, byte order mark, tags), Hangul and
 * Khmer fillers, the braille blank, variation selectors and the combining grapheme joiner.
 */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Z}\u2800\u3164\uFFA0]|\u115F|\u1160|\u17B4|\u17B5|\u034F|[\uFE00-\uFE0F]|[\u{E0100}-\u{E01EF}]/gu;

/** The text as stored: control characters removed, lone surrogates replaced, outer whitespace trimmed. */
export const tidyText = (raw: string): string => raw.replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD').trim();

/** True when a text would show as nothing at all. */
export const showsNothing = (text: string): boolean => text.replace(INVISIBLE, '') === '';

/**
 * Reads one text field: tidied, and refused when it is too long, when it is required and empty, or when something
 * was typed that shows as nothing (only zero-width, direction or control characters). Optional and empty is ''.
 */
export function readText(field: string, raw: string, rules: { max: number; required: boolean }): Result<string, DomainError> {
  const text = tidyText(raw);
  if (showsNothing(text)) {
    if (raw.trim() !== '') return err({ code: 'text_invisible', field });
    return rules.required ? err(field === 'title' ? { code: 'title_missing' } : { code: 'text_missing', field }) : ok('');
  }
  if (text.length > rules.max) return err({ code: 'text_too_long', field, max: rules.max, length: text.length });
  return ok(text);
}
