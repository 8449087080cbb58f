/**
 * Slack's contract for every Web API method the bot calls, as data: the bot scope a call needs by the kind of
 * conversation it acts on, what happens in a public channel the bot is not in, the rate tier, and the documented
 * errors. The pacing client keeps each method under its tier from this table; the project's fake Slack answers
 * exactly these methods and enforces these rules. Each row cites its method page on docs.slack.dev (Facts: scopes
 * and rate limits; Errors); error lists leave out what cannot concern this bot (drafts, files, Slack Connect,
 * Salesforce channels, org-wide installs).
 *
 * Rules that hold for every row: a private channel or DM the bot is not in does not exist for it
 * (`channel_not_found`); a call without its scope answers `missing_scope` with `needed` and `provided`.
 */

/** The kinds of conversation a scope can depend on ("the scopes required depend on the conversation type"). */
export type ConversationKind = 'public' | 'private' | 'im';

/**
 * How a call names the conversation it acts on, which decides the scope it needs: `channel` (its `channel` argument;
 * chat.postMessage also takes a user id, meaning the bot's DM), `created` (conversations.create: `is_private`),
 * `dm` (conversations.open: always a DM), `types` (conversations.list: every kind in `types`), `none`.
 */
export type CallTarget = 'channel' | 'created' | 'dm' | 'types' | 'none';

/**
 * A public channel the bot is not in: the call is refused with `not_in_channel`, allowed, or allowed only with
 * `chat:write.public` (otherwise `not_in_channel`).
 */
export type PublicNonMember = 'not_in_channel' | 'allowed' | 'chat:write.public';

/** Slack's rate tiers (docs.slack.dev/apis/web-api/rate-limits); `special` methods have their own rules. */
export type RateTier = 'tier1' | 'tier2' | 'tier3' | 'tier4' | 'special';

/**
 * The token a method is called with: the bot token (`xoxb-`, the manifest's bot scopes) or the app-level token
 * (`xapp-`, SLACK_APP_TOKEN, its own scopes). Either answers `not_allowed_token_type` to a method of the other kind.
 */
export type TokenKind = 'bot' | 'app';

export interface MethodContract {
  /** Slack's page for the method */
  readonly docs: string;
  /** the bot token unless said otherwise */
  readonly token?: TokenKind;
  readonly target: CallTarget;
  /**
   * Bot scopes by conversation kind, each a list of alternatives (any one will do; the first is the one asked for in
   * the manifest and named as `needed`). `everyKind` applies to every kind; an empty object means no scope is needed.
   */
  readonly scopes: { readonly [K in ConversationKind | 'everyKind']?: readonly string[] };
  /** only for `target: 'channel'` */
  readonly publicNonMember?: PublicNonMember;
  readonly tier: RateTier;
  /** errors the method's page documents (besides COMMON_ERRORS) that the bot may meet */
  readonly errors: readonly string[];
}

/** Calls a minute each tier allows at least ("Tier 2: 20+ per minute"). */
export const TIER_PER_MINUTE: Readonly<Record<Exclude<RateTier, 'special'>, number>> = { tier1: 1, tier2: 20, tier3: 50, tier4: 100 };

/**
 * Calls a tier allows at once. Tier 1 is "1+ per minute" where "a small amount of burst behavior is tolerated"
 * (docs.slack.dev/apis/web-api/rate-limits): a few reconnects in a row pass, a reconnect loop does not. The other
 * tiers allow their minute's calls at once.
 */
export const TIER_BURST: Readonly<Partial<Record<Exclude<RateTier, 'special'>, number>>> = { tier1: 5 };

/**
 * chat.postMessage's special limit: "generally allows posting one message per second per channel, while also
 * allowing bursts over short periods" (docs.slack.dev/reference/methods/chat.postMessage, Rate limiting).
 */
export const POSTS_PER_SECOND_PER_CHANNEL = 1;

/** Errors any method may answer (docs.slack.dev, every method page's common errors). */
export const COMMON_ERRORS: readonly string[] = [
  'access_denied',
  'account_inactive',
  'ekm_access_denied',
  'fatal_error',
  'internal_error',
  'invalid_arg_name',
  'invalid_arguments',
  'invalid_array_arg',
  'invalid_auth',
  'invalid_charset',
  'invalid_form_data',
  'invalid_post_type',
  'missing_post_type',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
  'not_authed',
  'ratelimited',
  'request_timeout',
  'service_unavailable',
  'team_added_to_org',
  'token_expired',
  'token_revoked',
];

const page = (method: string): string => `https://docs.slack.dev/reference/methods/${method.toLowerCase()}`;

export const WEB_API = {
  'apps.connections.open': {
    docs: page('apps.connections.open'),
    // "Generate a temporary Socket Mode WebSocket URL": called with the app-level token (its `connections:write`),
    // which the bot token never holds; Socket Mode's client calls it at every (re)connection.
    token: 'app',
    target: 'none',
    scopes: { everyKind: ['connections:write'] },
    tier: 'tier1',
    errors: [],
  },
  'auth.test': {
    docs: page('auth.test'),
    target: 'none',
    scopes: {},
    // "Special rate limits apply"; Bolt calls it once at start.
    tier: 'special',
    errors: [],
  },
  'chat.postMessage': {
    docs: page('chat.postMessage'),
    target: 'channel',
    scopes: { everyKind: ['chat:write'] },
    publicNonMember: 'chat:write.public',
    tier: 'special',
    errors: [
      'channel_not_found',
      'not_in_channel',
      'is_archived',
      'msg_too_long',
      'msg_blocks_too_long',
      'no_text',
      'too_many_attachments',
      'invalid_blocks',
      'invalid_blocks_format',
      'invalid_metadata_format',
      'invalid_metadata_schema',
      'metadata_too_large',
      'restricted_action',
      'restricted_action_read_only_channel',
      'restricted_action_thread_only_channel',
      'restricted_action_non_threadable_channel',
      'restricted_action_thread_locked',
      'cannot_reply_to_message',
      'message_limit_exceeded',
      'team_not_found',
    ],
  },
  'chat.update': {
    docs: page('chat.update'),
    target: 'channel',
    scopes: { everyKind: ['chat:write'] },
    // The bot edits its own message; its page documents no membership rule.
    publicNonMember: 'allowed',
    tier: 'tier3',
    errors: [
      'channel_not_found',
      'message_not_found',
      'cant_update_message',
      'edit_window_closed',
      'msg_too_long',
      'no_text',
      'too_many_attachments',
      'invalid_attachments',
      'invalid_blocks',
      'invalid_blocks_format',
      'invalid_metadata_format',
      'metadata_too_large',
      'is_inactive',
      'update_failed',
    ],
  },
  'chat.getPermalink': {
    docs: page('chat.getPermalink'),
    target: 'channel',
    // Its page lists no scope.
    scopes: {},
    publicNonMember: 'allowed',
    tier: 'special',
    errors: ['channel_not_found', 'message_not_found'],
  },
  'conversations.create': {
    docs: page('conversations.create'),
    target: 'created',
    scopes: { public: ['channels:manage'], private: ['groups:write'] },
    tier: 'tier2',
    errors: [
      'name_taken',
      'invalid_name',
      'invalid_name_maxlength',
      'invalid_name_punctuation',
      'invalid_name_required',
      'invalid_name_specials',
      'no_channel',
      'restricted_action',
      'cannot_create_channel',
      'missing_argument',
    ],
  },
  'conversations.history': {
    docs: page('conversations.history'),
    target: 'channel',
    scopes: { public: ['channels:history'], private: ['groups:history'], im: ['im:history'] },
    // "Bot token: any conversation the relevant bot is a member of."
    publicNonMember: 'not_in_channel',
    // Tier 3 for internal apps; apps distributed outside the Marketplace get 1 a minute and pages of at most 15.
    tier: 'tier3',
    errors: ['channel_not_found', 'not_in_channel', 'invalid_cursor', 'invalid_ts_latest', 'invalid_ts_oldest', 'invalid_metadata_filter_keys'],
  },
  'conversations.replies': {
    docs: page('conversations.replies'),
    target: 'channel',
    scopes: { public: ['channels:history'], private: ['groups:history'], im: ['im:history'] },
    // Membership as for conversations.history, whose scopes it shares; its page lists no not_in_channel, so the
    // answer a bot outside the channel gets is taken from conversations.history.
    publicNonMember: 'not_in_channel',
    tier: 'tier3',
    errors: ['channel_not_found', 'not_in_channel', 'thread_not_found', 'invalid_cursor', 'invalid_ts_latest', 'invalid_ts_oldest', 'method_not_supported_for_channel_type'],
  },
  'conversations.invite': {
    docs: page('conversations.invite'),
    target: 'channel',
    scopes: { public: ['channels:manage', 'channels:write.invites'], private: ['groups:write', 'groups:write.invites'] },
    publicNonMember: 'not_in_channel',
    tier: 'tier3',
    errors: [
      'channel_not_found',
      'not_in_channel',
      'already_in_channel',
      'cant_invite',
      'cant_invite_self',
      'is_archived',
      'method_not_supported_for_channel_type',
      'no_user',
      'user_not_found',
      'too_many_users',
      'user_is_bot',
      'user_is_restricted',
      'user_is_ultra_restricted',
      'ura_max_channels',
      'invitee_cant_see_channel',
      'org_user_not_in_team',
    ],
  },
  'conversations.list': {
    docs: page('conversations.list'),
    target: 'types',
    scopes: { public: ['channels:read'], private: ['groups:read'], im: ['im:read'] },
    tier: 'tier2',
    errors: ['invalid_cursor', 'invalid_limit', 'invalid_types', 'method_not_supported_for_channel_type', 'missing_argument'],
  },
  'conversations.members': {
    docs: page('conversations.members'),
    target: 'channel',
    scopes: { public: ['channels:read'], private: ['groups:read'], im: ['im:read'] },
    publicNonMember: 'allowed',
    tier: 'tier4',
    errors: ['channel_not_found', 'fetch_members_failed', 'invalid_cursor', 'invalid_limit', 'method_not_supported_for_channel_type'],
  },
  'conversations.open': {
    docs: page('conversations.open'),
    target: 'dm',
    scopes: { im: ['im:write'] },
    tier: 'tier3',
    errors: [
      'channel_not_found',
      'user_not_found',
      'user_not_visible',
      'user_disabled',
      'users_list_not_supplied',
      'not_enough_users',
      'too_many_users',
      'invalid_user_combination',
      'method_not_supported_for_channel_type',
    ],
  },
  'conversations.setTopic': {
    docs: page('conversations.setTopic'),
    target: 'channel',
    scopes: { public: ['channels:manage', 'channels:write.topic'], private: ['groups:write', 'groups:write.topic'], im: ['im:write', 'im:write.topic'] },
    publicNonMember: 'not_in_channel',
    tier: 'tier2',
    errors: ['channel_not_found', 'not_in_channel', 'is_archived', 'too_long', 'method_not_supported_for_channel_type', 'user_is_restricted'],
  },
  'conversations.join': {
    docs: page('conversations.join'),
    target: 'channel',
    // Public channels only: a private one answers method_not_supported_for_channel_type to a member.
    scopes: { public: ['channels:join'], private: ['channels:join'] },
    publicNonMember: 'allowed',
    tier: 'tier3',
    errors: ['channel_not_found', 'is_archived', 'method_not_supported_for_channel_type', 'too_many_members', 'user_is_bot', 'user_is_restricted'],
  },
  'pins.add': {
    docs: page('pins.add'),
    target: 'channel',
    scopes: { everyKind: ['pins:write'] },
    publicNonMember: 'not_in_channel',
    tier: 'tier2',
    errors: ['channel_not_found', 'not_in_channel', 'message_not_found', 'already_pinned', 'no_item_specified', 'bad_timestamp', 'not_pinnable', 'permission_denied', 'restricted_action', 'too_many_pins'],
  },
  'users.info': {
    docs: page('users.info'),
    target: 'none',
    scopes: { everyKind: ['users:read'] },
    tier: 'tier4',
    errors: ['user_not_found', 'user_not_visible'],
  },
  'views.open': {
    docs: page('views.open'),
    target: 'none',
    // Its page lists no scope: the trigger id is the permission.
    scopes: {},
    tier: 'tier4',
    errors: ['invalid_trigger_id', 'expired_trigger_id', 'exchanged_trigger_id', 'duplicate_external_id', 'view_too_large'],
  },
  'views.publish': {
    docs: page('views.publish'),
    target: 'none',
    // Its page lists no scope: a bot publishes the Home of any user of the workspace once the Home tab is enabled.
    scopes: {},
    tier: 'tier4',
    errors: ['not_enabled', 'hash_conflict', 'view_too_large', 'duplicate_external_id', 'invalid_arguments'],
  },
} as const satisfies Record<string, MethodContract>;

export type WebApiMethod = keyof typeof WEB_API;

export function isWebApiMethod(method: string): method is WebApiMethod {
  return Object.hasOwn(WEB_API, method);
}

/** The row of a method the bot calls, or undefined for one it does not. */
export function contractOf(method: string): MethodContract | undefined {
  return isWebApiMethod(method) ? WEB_API[method] : undefined;
}
