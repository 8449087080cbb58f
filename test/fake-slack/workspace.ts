/** The fake's in-memory workspace: users, conversations, messages, views, triggers and response URLs. */
import { IdMint, compareTs } from './ids.js';
import { isTopLevel } from './message-shape.js';
import type { HomeRecord } from './methods-home.js';
import type {
  ChannelRecord,
  EphemeralRecord,
  MessageRecord,
  NewChannel,
  NewUser,
  ResponseRecord,
  TopicChange,
  UserRecord,
  ViewRecord,
} from './types.js';

export interface ChannelState {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  imUser: string | undefined;
  created: number;
  creator: string;
  archived: boolean;
  topic: string;
  topicHistory: TopicChange[];
  members: string[];
  /** every message including replies, in post order */
  messages: MessageRecord[];
  pins: string[];
}

export interface Trigger {
  userId: string | undefined;
  issuedAt: number;
  used: boolean;
}

export interface ResponseUrlState {
  channelId: string;
  userId: string;
  messageTs: string | undefined;
  issuedAt: number;
  uses: number;
}

export interface WorkspaceOptions {
  botToken: string;
  /** the app-level token (`xapp-`): Socket Mode's apps.connections.open */
  appToken: string;
  botUserId: string;
  botId: string;
  teamId: string;
  now: () => number;
}

export type NewMessage = Omit<MessageRecord, 'channel' | 'ts' | 'edits' | 'pinned' | 'reactions' | 'postedAt'> & {
  ts?: string;
};

export class Workspace {
  readonly users = new Map<string, UserRecord>();
  readonly channels = new Map<string, ChannelState>();
  readonly ephemerals: EphemeralRecord[] = [];
  readonly responses: ResponseRecord[] = [];
  readonly views: ViewRecord[] = [];
  /** each person's App Home, by user id */
  readonly homes = new Map<string, HomeRecord>();
  readonly triggers = new Map<string, Trigger>();
  readonly responseUrls = new Map<string, ResponseUrlState>();
  readonly mint = new IdMint();
  allowNonLatinChannelNames = true;
  /**
   * Socket Mode's WebSocket links handed out by apps.connections.open, by ticket (single use); the socket server
   * (socket-mode.ts) takes them. `socketBase` is its `ws://` address, known once the fake listens.
   */
  readonly socketTickets = new Map<string, number>();
  socketBase = '';
  /** Someone revoked the app-level token (or deleted it): Slack answers `token_revoked` to it from now on. */
  appTokenRevoked = false;
  readonly botToken: string;
  readonly appToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly now: () => number;

  constructor(o: WorkspaceOptions) {
    this.botToken = o.botToken;
    this.appToken = o.appToken;
    this.botUserId = o.botUserId;
    this.botId = o.botId;
    this.teamId = o.teamId;
    this.now = o.now;
    this.addUser({ id: o.botUserId, name: 'incident-bot', realName: 'Incident Bot', isBot: true });
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  addUser(u: NewUser): UserRecord {
    const record: UserRecord = {
      id: u.id,
      name: u.name,
      realName: u.realName ?? u.name,
      tz: u.tz ?? 'UTC',
      isBot: u.isBot ?? false,
    };
    this.users.set(u.id, record);
    return record;
  }

  addChannel(c: NewChannel & { creator?: string }): ChannelState {
    const state: ChannelState = {
      id: c.id,
      name: c.name,
      isPrivate: c.isPrivate ?? c.id.startsWith('G'),
      isIm: false,
      imUser: undefined,
      created: this.nowSeconds(),
      creator: c.creator ?? this.botUserId,
      archived: false,
      topic: '',
      topicHistory: [],
      members: [...new Set(c.members ?? [this.botUserId])],
      messages: [],
      pins: [],
    };
    this.channels.set(c.id, state);
    return state;
  }

  channelByName(name: string): ChannelState | undefined {
    for (const ch of this.channels.values()) if (!ch.isIm && ch.name === name) return ch;
    return undefined;
  }

  /** The bot's DM with a user, opened on first use as Slack does. */
  dmWith(userId: string, create: boolean): ChannelState | undefined {
    for (const ch of this.channels.values()) if (ch.isIm && ch.imUser === userId) return ch;
    if (!create || !this.users.has(userId)) return undefined;
    const id = this.mint.conversationId('D');
    const state = this.addChannel({ id, name: id, isPrivate: true, members: [this.botUserId, userId] });
    state.isIm = true;
    state.imUser = userId;
    return state;
  }

  /** A conversation id; with `userToDm`, a user id stands for the bot's DM with that user (chat.postMessage). */
  conversation(id: unknown, userToDm = false): ChannelState | undefined {
    if (typeof id !== 'string') return undefined;
    if (userToDm && (id.startsWith('U') || id.startsWith('W'))) return this.dmWith(id, true);
    return this.channels.get(id);
  }

  botIsMember(ch: ChannelState): boolean {
    return ch.members.includes(this.botUserId);
  }

  findMessage(ch: ChannelState, ts: unknown): MessageRecord | undefined {
    return typeof ts === 'string' ? ch.messages.find((m) => m.ts === ts) : undefined;
  }

  topLevel(ch: ChannelState): MessageRecord[] {
    return ch.messages.filter(isTopLevel);
  }

  replies(ch: ChannelState, threadTs: string): MessageRecord[] {
    return ch.messages.filter((m) => m.thread_ts === threadTs && m.ts !== threadTs);
  }

  post(ch: ChannelState, m: NewMessage): MessageRecord {
    const ts = m.ts ?? this.mint.ts(this.now());
    const record: MessageRecord = {
      ...m,
      channel: ch.id,
      ts,
      edits: [],
      pinned: false,
      reactions: [],
      postedAt: this.now(),
    };
    if (m.thread_ts !== undefined) {
      const parent = this.findMessage(ch, m.thread_ts);
      if (parent) parent.thread_ts = parent.ts;
    }
    // Kept in ts order; almost every post is the newest, so only an out-of-order ts (a test's own) searches.
    const last = ch.messages[ch.messages.length - 1];
    if (!last || compareTs(last.ts, record.ts) <= 0) ch.messages.push(record);
    else ch.messages.splice(ch.messages.findIndex((m) => compareTs(m.ts, record.ts) > 0), 0, record);
    return record;
  }

  snapshot(ch: ChannelState): ChannelRecord {
    return {
      id: ch.id,
      name: ch.name,
      isPrivate: ch.isPrivate,
      isIm: ch.isIm,
      imUser: ch.imUser,
      archived: ch.archived,
      topic: ch.topic,
      topicHistory: [...ch.topicHistory],
      members: [...ch.members],
      messages: this.topLevel(ch),
      pins: [...ch.pins],
    };
  }
}
