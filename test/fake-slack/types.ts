/** Records the fake keeps; tests read them through FakeSlack's inspection methods. */

export type Args = Record<string, unknown>;

export interface ApiFailure {
  ok: false;
  error: string;
  response_metadata?: { messages: string[] };
  /** missing_scope: the scope the call needed, and the token's scopes (comma-separated) */
  needed?: string;
  provided?: string;
}
export type ApiResult = ({ ok: true } & Record<string, unknown>) | ApiFailure;

export interface CallRecord {
  method: string;
  args: Record<string, unknown>;
  /** ms, from the fake's clock */
  at: number;
  /** how the fake answered: 'ok', a Slack error code, 'ratelimited', 'http_500', 'reset', 'answer_lost:ok', 'hung' */
  answer?: string;
}

export interface UserRecord {
  id: string;
  name: string;
  realName: string;
  tz: string;
  isBot: boolean;
}

export interface NewUser {
  id: string;
  name: string;
  realName?: string;
  tz?: string;
  isBot?: boolean;
}

export interface MessageVersion {
  text: string;
  blocks: unknown[] | undefined;
  attachments: unknown[] | undefined;
  /** ms, when this version was replaced */
  replacedAt: number;
}

export interface ReactionRecord {
  name: string;
  users: string[];
  count: number;
}

/** A message as stored; field names follow Slack's message objects where one exists. */
export interface MessageRecord {
  channel: string;
  ts: string;
  user: string;
  bot_id?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  /** set on replies (and on a parent once it has replies, as Slack does) */
  thread_ts?: string;
  reply_broadcast: boolean;
  /** previous versions, oldest first */
  edits: MessageVersion[];
  pinned: boolean;
  reactions: ReactionRecord[];
  /** ms, from the fake's clock */
  postedAt: number;
  /** chat.postMessage `metadata`; returned by conversations.history only with include_all_metadata, as in Slack */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface TopicChange {
  topic: string;
  by: string;
  at: number;
}

export interface ChannelRecord {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  /** for a DM channel: the human at the other end */
  imUser: string | undefined;
  archived: boolean;
  topic: string;
  topicHistory: TopicChange[];
  members: string[];
  /** top-level messages (and thread broadcasts), oldest first */
  messages: MessageRecord[];
  /** ts of pinned messages, in pin order */
  pins: string[];
}

export interface NewChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** defaults to [botUserId] */
  members?: string[];
}

export interface HumanMessage {
  /** a human user id, or omit and give botId for an integration's post */
  user?: string;
  botId?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  threadTs?: string;
  ts?: string;
}

export interface EphemeralRecord {
  channel: string;
  user: string;
  text: string;
  blocks: unknown[] | undefined;
  threadTs: string | undefined;
  messageTs: string;
  at: number;
}

export type ResponseType = 'ephemeral' | 'in_channel';

export interface ResponseRecord {
  /** the response_url id */
  id: string;
  channelId: string;
  userId: string;
  text: string | undefined;
  blocks: unknown[] | undefined;
  responseType: ResponseType;
  replaceOriginal: boolean;
  deleteOriginal: boolean;
  threadTs: string | undefined;
  at: number;
}

/** An opened modal. Slack's own view fields keep Slack's names; the rest is what the fake knows. */
export interface ViewRecord {
  id: string;
  hash: string;
  type: string;
  callback_id: string;
  private_metadata: string;
  external_id: string;
  title: unknown;
  submit: unknown;
  close: unknown;
  /** as stored by Slack: every block has a block_id */
  blocks: unknown[];
  /** the latest view as Slack stores it */
  view: Record<string, unknown>;
  /** who the trigger was issued for (issueTrigger(userId)) */
  userId: string | undefined;
  triggerId: string | undefined;
  /** via views.push (or response_action push) rather than views.open */
  pushed: boolean;
  /** previous versions replaced by views.update / response_action update, oldest first */
  versions: Record<string, unknown>[];
  /** the user submitted it and the app let it close (or cleared the stack) */
  closed: boolean;
  openedAt: number;
}
