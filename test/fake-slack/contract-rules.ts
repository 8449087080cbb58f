/**
 * What Slack checks before a method does anything, from the bot's contract table (src/slack/web-api-contract.ts):
 * the method is one the bot is known to call, the token holds the scope the conversation's kind needs, and the bot
 * may act where it asks to (membership). Calls the table lacks and answers it does not document are contract
 * violations: recorded, and the fake refuses to stop quietly while any is left (see FakeSlack.stop).
 */
import { COMMON_ERRORS, contractOf, type ConversationKind, type MethodContract, type TokenKind } from '../../src/slack/web-api-contract.js';
import { bool, str } from './args.js';
import type { Args, ApiFailure } from './types.js';
import type { ChannelState, Workspace } from './workspace.js';

export interface ContractViolation {
  readonly method: string;
  /**
   * `unknown_method`: not in the table; `missing_scope`: the bot lacked a scope; `wrong_token`: called with the other
   * kind of token (the bot token for apps.connections.open, say); `undocumented_error`: an answer the method's page
   * does not list
   */
  readonly kind: 'unknown_method' | 'missing_scope' | 'wrong_token' | 'undocumented_error';
  readonly detail: string;
}

/** Which rules the fake enforces; only the fake's own unit tests turn one off, and say so. */
export interface ContractRules {
  /** the bot token's scopes (default: manifest.yml's bot scopes) */
  readonly scopes: ReadonlySet<string>;
  /** the app-level token's scopes (`connections:write`, which Socket Mode asks for) */
  readonly appScopes: ReadonlySet<string>;
}

const kindOf = (ch: ChannelState): ConversationKind => (ch.isIm ? 'im' : ch.isPrivate ? 'private' : 'public');

const LIST_TYPES: Readonly<Record<string, ConversationKind>> = { public_channel: 'public', private_channel: 'private', im: 'im' };

/** The conversation a `target: 'channel'` call names, and whether a user id stands for the bot's DM with them. */
function namedConversation(ws: Workspace, method: string, args: Args): { ch: ChannelState | undefined; dmWithUser: boolean } {
  const id = str(args, 'channel') ?? '';
  const dmWithUser = method === 'chat.postMessage' && /^[UW]/.test(id) && ws.users.has(id);
  return { ch: dmWithUser ? undefined : ws.conversation(id), dmWithUser };
}

function kindsOf(row: MethodContract, ws: Workspace, method: string, args: Args): ConversationKind[] {
  switch (row.target) {
    case 'none':
      return [];
    case 'created':
      return [bool(args, 'is_private') ? 'private' : 'public'];
    case 'dm':
      return ['im'];
    case 'types':
      return (str(args, 'types') ?? 'public_channel').split(',').flatMap((t) => {
        const kind = LIST_TYPES[t.trim()];
        return kind ? [kind] : [];
      });
    case 'channel': {
      const { ch, dmWithUser } = namedConversation(ws, method, args);
      if (dmWithUser) return ['im'];
      return ch ? [kindOf(ch)] : [];
    }
  }
}

function missingScope(row: MethodContract, kinds: readonly ConversationKind[], held: ReadonlySet<string>): string | null {
  const needs = row.scopes.everyKind ? [row.scopes.everyKind] : kinds.flatMap((k) => (row.scopes[k] ? [row.scopes[k]] : []));
  const lacking = needs.find((alternatives) => !alternatives.some((s) => held.has(s)));
  return lacking?.[0] ?? null;
}

/** Membership: private channels and DMs the bot is not in do not exist for it; public ones follow the row. */
function membershipRefusal(row: MethodContract, ws: Workspace, method: string, args: Args, rules: ContractRules): string | null {
  if (row.target !== 'channel') return null;
  const { ch } = namedConversation(ws, method, args);
  if (!ch || ws.botIsMember(ch)) return null;
  if (ch.isPrivate || ch.isIm) return 'channel_not_found';
  switch (row.publicNonMember ?? 'allowed') {
    case 'allowed':
      return null;
    case 'not_in_channel':
      return 'not_in_channel';
    case 'chat:write.public':
      return rules.scopes.has('chat:write.public') ? null : 'not_in_channel';
  }
}

/**
 * Slack's answer before the method runs, or null when it may run. `violated` hears of calls the bot should never
 * make: a method outside the table, a scope the manifest does not grant.
 */
export function refusalOf(ws: Workspace, method: string, args: Args, token: TokenKind, rules: ContractRules, violated: (v: ContractViolation) => void): ApiFailure | null {
  const row = contractOf(method);
  if (!row) {
    violated({ method, kind: 'unknown_method', detail: `${method} is not in the Web API contract table` });
    return { ok: false, error: 'unknown_method' };
  }
  const wants = row.token ?? 'bot';
  if (token !== wants) {
    violated({ method, kind: 'wrong_token', detail: `${method} takes the ${wants} token, not the ${token} token` });
    return { ok: false, error: 'not_allowed_token_type' };
  }
  const held = token === 'app' ? rules.appScopes : rules.scopes;
  const needed = missingScope(row, kindsOf(row, ws, method, args), held);
  if (needed !== null) {
    violated({ method, kind: 'missing_scope', detail: `${method} needs ${needed}, which ${token === 'app' ? 'the app-level token' : 'manifest.yml'} does not grant` });
    return { ok: false, error: 'missing_scope', needed, provided: [...held].join(',') };
  }
  const refused = membershipRefusal(row, ws, method, args, rules);
  return refused === null ? null : { ok: false, error: refused };
}

/** An error answer the method's page does not document is a bug of the fake (or of a test's injected fault). */
export function checkDocumented(method: string, error: string, violated: (v: ContractViolation) => void): void {
  const row = contractOf(method);
  if (!row || row.errors.includes(error) || COMMON_ERRORS.includes(error)) return;
  violated({ method, kind: 'undocumented_error', detail: `${method} answered ${error}, which its page does not document` });
}
