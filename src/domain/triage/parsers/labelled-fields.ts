/**
 * Values a message labels itself: legacy attachment fields (`Severity` → `High`), Block Kit field pairs
 * (`*Priority*\nP2`), and `Key: value` lines. Severity and service are read from these labels, never guessed from a
 * random word of the prose.
 */
import type { MessageView } from './message-view.js';
import { cleanPhrase, plainText, stripEmphasis } from './slack-markup.js';

const SEVERITY_KEYS = ['severity', 'priority', 'urgency', 'level', 'sev'];
/** Most specific first: a `service` field wins over the `host` it runs on. */
const SERVICE_KEYS = ['service', 'service name', 'app', 'application', 'component', 'job', 'namespace', 'host', 'hostname'];
const PRIORITY = /\b(?:P|SEV-?)([0-5])\b/i;

const normalKey = (key: string): string => cleanPhrase(key, 60).toLowerCase().replace(/[:_]+/g, ' ').trim();

/** Every labelled pair the message shows, keys normalised (`Service Name:` → `service name`), first occurrence kept. */
export function labelledPairs(view: MessageView): ReadonlyMap<string, string> {
  const pairs = new Map<string, string>();
  const add = (key: string, value: string): void => {
    const k = normalKey(key);
    const v = cleanPhrase(value, 200);
    if (k !== '' && v !== '' && !pairs.has(k)) pairs.set(k, v);
  };
  for (const attachment of view.attachments) for (const field of attachment.fields) add(field.title, field.value);
  const lines = [...view.blockLines, ...view.attachments.flatMap((a) => [...a.blockLines, a.text]), view.text];
  for (const block of lines) {
    // Block Kit field pairs: `*Title*\nvalue`.
    const pair = /^\s*\*([^*\n]{1,60})\*\s*\n([^\n]{1,200})/.exec(block);
    if (pair?.[1] && pair[2]) add(pair[1], pair[2]);
    for (const line of block.split('\n')) {
      const labelled = /^\s*[•·-]?\s*\*?([A-Za-z][\w .-]{0,30}?)\*?\s*:\*?\s+(\S[^\n]{0,200})$/.exec(stripEmphasis(plainText(line)));
      if (labelled?.[1] && labelled[2]) add(labelled[1], labelled[2]);
    }
  }
  return pairs;
}

/** `Severity: High`, `Priority: P2`, `Urgency: high`, `Level: error`, or a `P1`…`P5` priority anywhere in a label. */
export function severityFromLabels(pairs: ReadonlyMap<string, string>): string | null {
  for (const key of SEVERITY_KEYS) {
    const value = pairs.get(key);
    if (!value) continue;
    const priority = PRIORITY.exec(value);
    return priority ? `p${priority[1] ?? ''}` : value.toLowerCase();
  }
  return null;
}

export function serviceFromPairs(pairs: ReadonlyMap<string, string>): string | null {
  for (const key of SERVICE_KEYS) {
    const value = pairs.get(key);
    // `Host: web-01 [10.0.0.5]` names web-01.
    if (value) return value.replace(/\s*\[[^\]]*\]\s*$/, '').trim() || null;
  }
  return null;
}
