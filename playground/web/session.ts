/**
 * The page's session: who is looking at what (kept in the URL), the last state the server sent, and the calls that
 * fetch it and send actions. The renderer subscribes to each state that arrives.
 */
import type { ActionAnswer, EphemeralView, PageState } from './state.js';

export interface Ui {
  me: string;
  channel: string;
  thread: string | null;
  pane: 'thread' | 'pins' | null;
  editing: string | null;
  modalKey: string | null;
}

export const GENERAL = 'C0GENERAL';
export const ui: Ui = { me: '', channel: GENERAL, thread: null, pane: null, editing: null, modalKey: null };
/** The last state the server sent, and when it arrived (to run the playground clock on between fetches). */
export const current: { state: PageState | null; fetchedAt: number } = { state: null, fetchedAt: 0 };
export const dismissed = new Set<string>();
/** Slackbot's own answers (e.g. an unknown slash command), per channel: they never reach the app. */
export const notices = new Map<string, EphemeralView[]>();
/** per person: the newest message seen in each channel, for unread marks */
export const seen = new Map<string, Map<string, string>>();

// ---- URL: #as=U0ALICE&c=C0GENERAL&t=<thread ts> keeps a reload (or a test) where it was ----

export function readHash(): void {
  const p = new URLSearchParams(location.hash.slice(1));
  ui.me = p.get('as') ?? ui.me;
  ui.channel = p.get('c') ?? ui.channel;
  ui.thread = p.get('t');
  ui.pane = ui.thread ? 'thread' : null;
}

export function writeHash(): void {
  const p = new URLSearchParams({ as: ui.me, c: ui.channel, ...(ui.thread ? { t: ui.thread } : {}) });
  history.replaceState(null, '', `#${p.toString()}`);
}

// ---- talking to the playground server ----

let onState: (state: PageState) => void = () => undefined;
let onError: (message: string) => void = () => undefined;

/** Who draws each state that arrives, and who shows a failure to fetch one. */
export function subscribe(render: (state: PageState) => void, fail: (message: string) => void): void {
  onState = render;
  onError = fail;
}

let inFlight: Promise<void> | null = null;
let again = false;

async function fetchState(): Promise<void> {
  const asked = { me: ui.me, channel: ui.channel, thread: ui.thread };
  const q = new URLSearchParams({ channel: asked.channel, ...(asked.me ? { as: asked.me } : {}), ...(asked.thread ? { thread: asked.thread } : {}) });
  const res = await fetch(`/api/state?${q.toString()}`);
  if (!res.ok) throw new Error(`state: HTTP ${res.status}`);
  const state = (await res.json()) as PageState;
  // The person switched people, channels or threads while this was on its way: drawing it would snap the picker back
  // to whom it was fetched for (and `ui.me = state.me` would make that stick). Fetch again for what they look at now.
  if (ui.me !== asked.me || ui.channel !== asked.channel || ui.thread !== asked.thread) {
    again = true;
    return;
  }
  current.state = state;
  current.fetchedAt = Date.now();
  ui.me = state.me;
  onState(state);
}

/** Refetches; calls made while one is in flight are folded into one more fetch after it. */
export function refresh(): Promise<void> {
  if (inFlight) {
    again = true;
    return inFlight;
  }
  inFlight = (async () => {
    try {
      do {
        again = false;
        await fetchState();
      } while (again);
    } catch (error) {
      onError(`Lost the playground: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

export async function act(name: string, body: Record<string, unknown>): Promise<ActionAnswer> {
  let answer: ActionAnswer;
  try {
    const res = await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    answer = (await res.json()) as ActionAnswer;
  } catch (error) {
    answer = { ok: false, error: `The playground did not answer (${error instanceof Error ? error.message : String(error)}).` };
  }
  await refresh();
  return answer;
}

/** The playground clock now: the server's time at the last fetch, run on by the browser's. */
export const nowMs = (): number => (current.state ? current.state.clock.nowMs + (Date.now() - current.fetchedAt) : Date.now());
