import { parseDuration } from './duration.js';

/** The `/incident` command line, parsed into what the user asked for. Pure: no lookups, no Slack. */

export type IncidentCommand =
  | { kind: 'help' }
  | { kind: 'declare'; title: string }
  | { kind: 'list' }
  | { kind: 'status'; ref: number | null }
  | { kind: 'update'; ref: number | null; text: string }
  | { kind: 'severity'; ref: number | null; severity: string }
  | { kind: 'mitigated'; ref: number | null; note: string | null }
  | { kind: 'resolve'; ref: number | null; note: string | null }
  | { kind: 'reopen'; ref: number | null; reason: string }
  | { kind: 'decline'; ref: number | null; reason: string | null }
  | { kind: 'lead'; ref: number | null; userId: string }
  | { kind: 'note'; ref: number | null; text: string }
  | { kind: 'followup'; ref: number | null; text: string; ownerId: string | null }
  | { kind: 'followups' }
  | { kind: 'postmortem'; ref: number | null }
  | { kind: 'stats'; periodMs: number }
  | { kind: 'oncall' }
  | { kind: 'oncall_override'; userId: string; durationMs: number; rotation: string | null }
  | { kind: 'handoff'; rotation: string | null; notes: string | null }
  | { kind: 'triage_explain'; message: { channelId: string; ts: string } | null };

export type CommandKind = IncidentCommand['kind'];

export type CommandParseError =
  | { code: 'unknown_subcommand'; input: string }
  | { code: 'missing_argument'; subcommand: string }
  | { code: 'invalid_user'; input: string }
  | { code: 'invalid_message_link'; input: string }
  | { code: 'invalid_duration'; input: string }
  | { code: 'invalid_argument'; subcommand: string; input: string };

export type ParsedCommand = { ok: true; command: IncidentCommand } | { ok: false; error: CommandParseError };

const REF = /^(?:inc-)?(\d{1,9})$/i;
const EXPLICIT_REF = /^inc-(\d{1,9})$/i;
const USER = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

interface Context {
  /** Inside an incident channel a leading number is text ("3 pods down"), unless written INC-<n>. */
  readonly inIncidentChannel: boolean;
  /** Configured on-call rotations, so `/incident handoff platform` reads "platform" as a rotation, not notes. */
  readonly rotationNames?: readonly string[];
}

/** `oncall` alone shows who is on call; `oncall override @user <duration> [rotation]` takes the shift. */
function parseOncall(args: string): ParsedCommand {
  if (args === '') return { ok: true, command: { kind: 'oncall' } };
  const [sub = '', target = '', duration = '', rotation, ...extra] = args.split(/\s+/);
  if (sub.toLowerCase() !== 'override') return { ok: false, error: { code: 'unknown_subcommand', input: `oncall ${sub}` } };
  if (target === '' || duration === '' || extra.length > 0) return { ok: false, error: { code: 'missing_argument', subcommand: 'override' } };
  const user = USER.exec(target);
  if (!user?.[1]) return { ok: false, error: { code: 'invalid_user', input: target } };
  const parsed = parseDuration(duration);
  if (!parsed.ok || parsed.value <= 0) return { ok: false, error: { code: 'invalid_duration', input: duration } };
  return { ok: true, command: { kind: 'oncall_override', userId: user[1], durationMs: parsed.value, rotation: rotation ?? null } };
}

function takeRef(args: string, context: Context, needsMore: boolean): { ref: number | null; rest: string } {
  const [first = '', ...others] = args.split(/\s+/);
  const rest = others.join(' ');
  const explicit = EXPLICIT_REF.exec(first);
  if (explicit) return { ref: Number(explicit[1]), rest };
  const plain = REF.exec(first);
  if (plain && !context.inIncidentChannel && (!needsMore || rest !== '')) return { ref: Number(plain[1]), rest };
  return { ref: null, rest: args };
}

/** A Slack message link (`…/archives/C0ALERTS/p1700000000000100`, possibly wrapped in `<…>`) → channel and ts. */
export function parseMessageLink(text: string): { channelId: string; ts: string } | null {
  const match = /archives\/([CGD][A-Z0-9]+)\/p(\d{10})(\d{6})/.exec(text);
  return match?.[1] && match[2] && match[3] ? { channelId: match[1], ts: `${match[2]}.${match[3]}` } : null;
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** The default window of `/incident stats`. */
export const DEFAULT_STATS_PERIOD_MS = 30 * 86_400_000;

export function parseIncidentCommand(raw: string, context: Context): ParsedCommand {
  const text = raw.trim();
  const space = text.search(/\s/);
  const name = (space === -1 ? text : text.slice(0, space)).toLowerCase();
  const args = space === -1 ? '' : text.slice(space + 1).trim();
  const missing = (): ParsedCommand => ({ ok: false, error: { code: 'missing_argument', subcommand: name } });
  const done = (command: IncidentCommand): ParsedCommand => ({ ok: true, command });

  switch (name) {
    case '':
    case 'declare':
    case 'new':
      return done({ kind: 'declare', title: args });
    case 'help':
      return done({ kind: 'help' });
    case 'list':
    case 'ls':
      return done({ kind: 'list' });
    case 'status':
    case 'show':
      return done({ kind: 'status', ref: takeRef(args, context, false).ref });
    case 'update':
    case 'note': {
      const { ref, rest } = takeRef(args, context, true);
      if (rest.trim() === '') return missing();
      return done({ kind: name, ref, text: rest.trim() });
    }
    case 'severity':
    case 'sev': {
      const { ref, rest } = takeRef(args, { inIncidentChannel: context.inIncidentChannel }, true);
      if (rest.trim() === '') return { ok: false, error: { code: 'missing_argument', subcommand: 'severity' } };
      return done({ kind: 'severity', ref, severity: rest.trim() });
    }
    case 'mitigated':
    case 'mitigate':
    case 'resolve':
    case 'resolved': {
      const { ref, rest } = takeRef(args, context, false);
      const kind = name.startsWith('mitigat') ? 'mitigated' : 'resolve';
      return done({ kind, ref, note: orNull(rest) });
    }
    case 'reopen': {
      const { ref, rest } = takeRef(args, context, true);
      if (rest.trim() === '') return missing();
      return done({ kind: 'reopen', ref, reason: rest.trim() });
    }
    case 'decline': {
      const { ref, rest } = takeRef(args, context, false);
      return done({ kind: 'decline', ref, reason: orNull(rest) });
    }
    case 'lead':
    case 'commander': {
      const { ref, rest } = takeRef(args, context, true);
      const target = rest.trim();
      if (target === '') return { ok: false, error: { code: 'missing_argument', subcommand: 'lead' } };
      const user = USER.exec(target);
      if (!user?.[1]) return { ok: false, error: { code: 'invalid_user', input: target } };
      return done({ kind: 'lead', ref, userId: user[1] });
    }
    case 'followup':
    case 'follow-up':
    case 'action': {
      const { ref, rest } = takeRef(args, context, true);
      const words = rest.trim().split(/\s+/);
      const owner = USER.exec(words[words.length - 1] ?? '');
      const body = (owner ? words.slice(0, -1) : words).join(' ').trim();
      if (body === '') return { ok: false, error: { code: 'missing_argument', subcommand: 'followup' } };
      return done({ kind: 'followup', ref, text: body, ownerId: owner?.[1] ?? null });
    }
    case 'followups':
    case 'follow-ups':
      return done({ kind: 'followups' });
    case 'triage': {
      const [sub = '', link = ''] = args.split(/\s+/);
      if (sub.toLowerCase() !== 'explain') return { ok: false, error: { code: 'missing_argument', subcommand: 'triage' } };
      if (link === '') return done({ kind: 'triage_explain', message: null });
      const message = parseMessageLink(link);
      if (!message) return { ok: false, error: { code: 'invalid_message_link', input: link } };
      return done({ kind: 'triage_explain', message });
    }
    case 'postmortem':
    case 'pm': {
      // Nothing but an incident number can follow, so a number names the incident even inside a channel.
      if (args === '') return done({ kind: 'postmortem', ref: null });
      const ref = REF.exec(args);
      if (!ref) return { ok: false, error: { code: 'invalid_argument', subcommand: 'postmortem', input: args } };
      return done({ kind: 'postmortem', ref: Number(ref[1]) });
    }
    case 'stats': {
      if (args === '') return done({ kind: 'stats', periodMs: DEFAULT_STATS_PERIOD_MS });
      const period = parseDuration(args);
      if (!period.ok) return { ok: false, error: { code: 'invalid_argument', subcommand: 'stats', input: args } };
      return done({ kind: 'stats', periodMs: period.value });
    }
    case 'oncall':
      return parseOncall(args);
    case 'handoff': {
      // A first word naming a rotation is the rotation; the rest are the notes (rotation names have no spaces).
      const [first = '', ...rest] = args.split(/\s+/);
      const looksLikeName = /^[a-z0-9][a-z0-9_-]{0,39}$/i.test(first) && (context.rotationNames ?? []).some((n) => n.toLowerCase() === first.toLowerCase());
      const notes = looksLikeName ? rest.join(' ') : args;
      return done({ kind: 'handoff', rotation: looksLikeName ? first : null, notes: orNull(notes) });
    }
    default:
      return { ok: false, error: { code: 'unknown_subcommand', input: name } };
  }
}
