/**
 * A fake Slack Web API on loopback. The bot points `slackApiUrl` at `${fake.url}/api/`; tests set up users and
 * channels, inject faults, and assert on what a person would see. Rules follow Slack's (see SPEC §5).
 */
import { createServer, type Server } from 'node:http';
import { withBlockIds } from './block-kit.js';
import { manifestBotScopes } from './bot-scopes.js';
import type { ContractViolation } from './contract-rules.js';
import { FaultPlan, type Chaos } from './faults.js';
import { IncomingWebhooks } from './incoming-webhooks.js';
import { FakeSocketMode } from './socket-mode.js';
import { RateLimits } from './rate-limits.js';
import { createRequestHandler } from './http-handler.js';
import { isTopLevel } from './message-shape.js';
import { issueResponseUrl } from './response-url.js';
import { applyViewSubmissionAnswer, type ViewSubmissionOutcome } from './view-submission.js';
import { Workspace } from './workspace.js';
import { homePayload, type HomeRecord } from './methods-home.js';
import type {
  CallRecord,
  ChannelRecord,
  EphemeralRecord,
  HumanMessage,
  MessageRecord,
  NewChannel,
  NewUser,
  ResponseRecord,
  UserRecord,
  ViewRecord,
} from './types.js';

export type * from './types.js';
export type { Chaos, Fault } from './faults.js';
export type { ContractViolation } from './contract-rules.js';
export type { ViewSubmissionOutcome } from './view-submission.js';
export { TRIGGER_TTL_MS } from './methods-views.js';
export type { EnvelopeOutcome, EnvelopeType, LinkRecord } from './socket-mode.js';
export { EVENT_RETRIES, SOCKET_ACK_TIMEOUT_MS } from './socket-mode.js';
export type { HomeRecord } from './methods-home.js';
export { RESPONSE_URL_TTL_MS, RESPONSE_URL_USES } from './response-url.js';

export interface FakeSlackOptions {
  botToken: string;
  /** The app-level token Socket Mode connects with (`connections:write`); `xapp-1-A0FAKEAPP-fake` by default. */
  appToken?: string;
  /** Socket Mode's timing: how often Slack pings a connection (5 s), how long it lets a refreshed one linger (10 s). */
  socketMode?: { pingIntervalMs?: number; refreshGraceMs?: number };
  botUserId?: string;
  teamId?: string;
  botId?: string;
  /** ms clock for trigger expiry, response_url expiry and message ts; defaults to Date.now */
  now?: () => number;
  /**
   * How long each Web API call takes before Slack answers: 50–250 ms by default, as the real one does. 'instant'
   * only for tests of the fake itself.
   */
  latency?: { minMs: number; maxMs: number } | 'instant';
  /** Slack's per-method and per-channel rate limits (429 + Retry-After); on by default. */
  rateLimits?: boolean;
  /**
   * The bot token's scopes. By default exactly the bot scopes of manifest.yml, as an installed app holds; only the
   * fake's own unit tests pass others (to show what a missing scope answers).
   */
  scopes?: readonly string[];
  /** Hears of each contract violation as it happens (the playground prints them); stop() reports them anyway. */
  onViolation?: (violation: ContractViolation) => void;
}

export const SLACK_LATENCY = { minMs: 50, maxMs: 250 } as const;

/** The app-level token's scopes: Socket Mode asks for `connections:write` and nothing else. */
export const APP_TOKEN_SCOPES: readonly string[] = ['connections:write'];

/** The conversation a fault is meant for: a channel id, or a user id meaning the bot's DM with that user. */
export interface FaultTarget {
  readonly channel: string;
}

export class FakeSlack {
  /** base URL, no trailing slash: the Web API is at `${url}/api/` */
  readonly url: string;
  readonly calls: CallRecord[];
  /** the bot's scopes, as its token holds them */
  readonly scopes: readonly string[];
  private readonly violations: ContractViolation[];
  private readonly ws: Workspace;
  private readonly faults: FaultPlan;
  private readonly limits: RateLimits;
  private readonly server: Server;
  /** Slack's incoming webhooks: install one with `add`, point `deliverTo` at the app (incoming-webhooks.ts). */
  readonly incomingWebhooks: IncomingWebhooks;
  /** Slack's Socket Mode: the connections apps.connections.open opens, envelopes, faults (socket-mode.ts). */
  readonly socketMode: FakeSocketMode;

  private constructor(
    server: Server,
    ws: Workspace,
    faults: FaultPlan,
    limits: RateLimits,
    calls: CallRecord[],
    scopes: readonly string[],
    violations: ContractViolation[],
    webhooks: IncomingWebhooks,
    socketMode: FakeSocketMode,
  ) {
    this.server = server;
    this.socketMode = socketMode;
    this.scopes = scopes;
    this.violations = violations;
    this.ws = ws;
    this.faults = faults;
    this.limits = limits;
    this.calls = calls;
    this.incomingWebhooks = webhooks;
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('fake-slack: not listening on TCP');
    this.url = `http://127.0.0.1:${address.port}`;
    ws.socketBase = `ws://127.0.0.1:${address.port}`;
  }

  static async start(o: FakeSlackOptions): Promise<FakeSlack> {
    const ws = new Workspace({
      botToken: o.botToken,
      appToken: o.appToken ?? 'xapp-1-A0FAKEAPP-fake',
      botUserId: o.botUserId ?? 'UBOT',
      botId: o.botId ?? 'B0BOT',
      teamId: o.teamId ?? 'T0TEAM',
      now: o.now ?? Date.now,
    });
    const faults = new FaultPlan();
    const limits = new RateLimits();
    limits.enabled = o.rateLimits ?? true;
    const calls: CallRecord[] = [];
    const latency = o.latency === 'instant' ? { minMs: 0, maxMs: 0 } : (o.latency ?? SLACK_LATENCY);
    const scopes = o.scopes ?? manifestBotScopes();
    const violations: ContractViolation[] = [];
    const violated = (v: ContractViolation): void => {
      violations.push(v);
      o.onViolation?.(v);
    };
    const webhooks = new IncomingWebhooks(ws);
    const rules = { scopes: new Set(scopes), appScopes: new Set(APP_TOKEN_SCOPES) };
    const server = createServer(createRequestHandler({ ws, faults, limits, calls, latency, rules, violated, webhooks }));
    const socketMode = new FakeSocketMode(ws, { latency, ...o.socketMode });
    server.on('upgrade', (req, socket, head: Buffer) => socketMode.upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new FakeSlack(server, ws, faults, limits, calls, scopes, violations, webhooks, socketMode);
  }

  /**
   * Stops serving. Throws when the bot broke the contract meanwhile (called a method the table lacks, needed a scope
   * manifest.yml does not grant) or the fake answered an error Slack does not document, so the test that let it
   * happen fails, whatever it asserted.
   */
  async stop(): Promise<void> {
    this.faults.dropAll();
    this.socketMode.stop();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    const left = this.takeViolations();
    if (left.length > 0) throw new Error(`fake-slack: the Web API contract was broken:\n${left.map((v) => `  ${v.kind}: ${v.detail}`).join('\n')}`);
  }

  /** The contract violations so far, handed over (a test that provokes them on purpose asserts them here). */
  takeViolations(): ContractViolation[] {
    return this.violations.splice(0);
  }

  get botToken(): string {
    return this.ws.botToken;
  }
  get appToken(): string {
    return this.ws.appToken;
  }
  get botUserId(): string {
    return this.ws.botUserId;
  }
  get botId(): string {
    return this.ws.botId;
  }
  get teamId(): string {
    return this.ws.teamId;
  }
  /** false: channel names may only use [a-z0-9_-] (others answer invalid_name_specials) */
  get allowNonLatinChannelNames(): boolean {
    return this.ws.allowNonLatinChannelNames;
  }
  set allowNonLatinChannelNames(v: boolean) {
    this.ws.allowNonLatinChannelNames = v;
  }

  callsTo(method: string): CallRecord[] {
    return this.calls.filter((c) => c.method === method);
  }

  // ---- setting the scene ----

  addUser(u: NewUser): UserRecord {
    return this.ws.addUser(u);
  }

  user(id: string): UserRecord | undefined {
    return this.ws.users.get(id);
  }

  /** Pre-creates a channel; `members` defaults to [botUserId]. */
  addChannel(c: NewChannel): ChannelRecord {
    return this.ws.snapshot(this.ws.addChannel(c));
  }

  /** A person joins a channel (clicks *Join*, or is added by someone in it). */
  joinChannel(channelId: string, userId: string): void {
    const ch = this.ws.conversation(channelId);
    if (!ch) throw new Error(`fake-slack: no channel ${channelId}`);
    if (!ch.members.includes(userId)) ch.members.push(userId);
  }

  /** A person leaves a channel (or is removed from it). */
  leaveChannel(channelId: string, userId: string): void {
    const ch = this.ws.conversation(channelId);
    if (ch) ch.members = ch.members.filter((m) => m !== userId);
  }

  /** A trigger id as Slack sends with a command or click: valid for 3 s, once. */
  issueTrigger(userId?: string): string {
    const id = this.ws.mint.triggerId();
    this.ws.triggers.set(id, { userId, issuedAt: this.ws.now(), used: false });
    return id;
  }

  /** `${url}/response/<id>`; `messageTs` is the message a click came from (replace_original / delete_original). */
  newResponseUrl(channelId: string, userId: string, messageTs?: string): string {
    return `${this.url}/response/${issueResponseUrl(this.ws, channelId, userId, messageTs)}`;
  }

  /** A person (or, with botId, another integration) posts; returns the ts. */
  postMessage(channelId: string, m: HumanMessage): string {
    const ch = this.ws.conversation(channelId);
    if (!ch) throw new Error(`fake-slack: no channel ${channelId}`);
    if (m.threadTs !== undefined && !this.ws.findMessage(ch, m.threadTs)) throw new Error(`fake-slack: no thread ${m.threadTs}`);
    const posted = this.ws.post(ch, {
      user: m.user ?? '',
      ...(m.botId !== undefined ? { bot_id: m.botId } : {}),
      text: m.text,
      ...(m.blocks ? { blocks: withBlockIds(m.blocks, () => this.ws.mint.blockId()) } : {}),
      ...(m.attachments ? { attachments: m.attachments } : {}),
      ...(m.threadTs !== undefined ? { thread_ts: m.threadTs } : {}),
      reply_broadcast: false,
      ...(m.ts !== undefined ? { ts: m.ts } : {}),
    });
    return posted.ts;
  }

  /** A person (or an integration) edits their message (send the matching message_changed event yourself). */
  editMessage(channelId: string, ts: string, change: { text: string; blocks?: unknown[]; attachments?: unknown[] }): MessageRecord {
    const m = this.message(channelId, ts);
    if (!m) throw new Error(`fake-slack: no message ${channelId}/${ts}`);
    m.edits.push({ text: m.text, blocks: m.blocks, attachments: m.attachments, replacedAt: this.ws.now() });
    m.text = change.text;
    if (change.blocks) m.blocks = change.blocks;
    if (change.attachments) m.attachments = change.attachments;
    return m;
  }

  /** A person deletes a message (send the matching message_deleted event yourself). */
  deleteMessage(channelId: string, ts: string): void {
    const ch = this.ws.conversation(channelId);
    if (!ch) return;
    ch.messages = ch.messages.filter((m) => m.ts !== ts);
    ch.pins = ch.pins.filter((p) => p !== ts);
  }

  /** A person pins a message (send the matching pin_added event yourself); false if it was already pinned. */
  pinMessage(channelId: string, ts: string): boolean {
    const ch = this.ws.conversation(channelId);
    const m = ch ? this.ws.findMessage(ch, ts) : undefined;
    if (!ch || !m) throw new Error(`fake-slack: no message ${channelId}/${ts}`);
    if (m.pinned) return false;
    m.pinned = true;
    ch.pins.push(ts);
    return true;
  }

  /** A person reacts to a message (send the matching reaction_added event yourself); false if they already had. */
  addReaction(channelId: string, ts: string, userId: string, name: string): boolean {
    const m = this.message(channelId, ts);
    if (!m) throw new Error(`fake-slack: no message ${channelId}/${ts}`);
    const existing = m.reactions.find((r) => r.name === name);
    if (existing?.users.includes(userId)) return false;
    if (existing) {
      existing.users.push(userId);
      existing.count += 1;
    } else {
      m.reactions.push({ name, users: [userId], count: 1 });
    }
    return true;
  }

  /** The person closes a modal (Cancel or ×) without submitting it. */
  closeView(viewId: string): void {
    const record = this.view(viewId);
    if (!record) throw new Error(`fake-slack: no view ${viewId}`);
    record.closed = true;
  }

  // ---- faults ----
  // `where` narrows a fault to calls on one conversation: a channel id, or a user id for the bot's DM with them.

  /** The next `times` calls of `method` answer 429 with `Retry-After` (replaces earlier faults for it; 0 clears). */
  rateLimit(method: string, times = 1, retryAfterSeconds = 1, where?: FaultTarget): void {
    this.faults.set(method, { kind: 'ratelimited', retryAfterSeconds }, times, this.targetOf(where));
  }

  /** The next `times` calls of `method` answer HTTP `status` with a text body (replaces earlier faults; 0 clears). */
  failNext(method: string, times = 1, status = 500, where?: FaultTarget): void {
    this.faults.set(method, { kind: 'http_error', status }, times, this.targetOf(where));
  }

  /** The next `times` calls of `method` answer `ok:false` with `error` (e.g. internal_error, is_archived). */
  failNextWith(method: string, error: string, times = 1): void {
    this.faults.set(method, { kind: 'slack_error', error }, times);
  }

  /** The next `times` calls of `method` have their connection reset before Slack does anything. */
  resetNext(method: string, times = 1): void {
    this.faults.set(method, { kind: 'reset' }, times);
  }

  /**
   * The next `times` calls of `method` are carried out, then their connection is reset: the answer is lost.
   * `afterDone` runs between the two (e.g. a busy channel goes on talking before the caller finds out).
   */
  loseAnswerNext(method: string, times = 1, where?: FaultTarget & { afterDone?: () => void }): void {
    this.faults.set(method, { kind: 'answer_lost', ...(where?.afterDone ? { afterDone: where.afterDone } : {}) }, times, this.targetOf(where));
  }

  private targetOf(where: FaultTarget | undefined): ((args: Record<string, unknown>) => boolean) | undefined {
    if (where === undefined) return undefined;
    return (args) => args.channel === where.channel || (this.ws.dmWith(where.channel, false)?.id ?? null) === args.channel;
  }

  /** Random faults on a share of calls until `calm()`. */
  chaos(chaos: Chaos): void {
    this.faults.setChaos(chaos);
  }

  calm(): void {
    this.faults.setChaos(null);
  }

  /** Switches Slack's rate limits on or off (on by default). */
  set rateLimits(on: boolean) {
    this.limits.enabled = on;
  }

  /** Calls of `method` get no answer until `unhang(method)`. */
  hang(method: string): void {
    this.faults.hang(method);
  }

  /** Processes the held calls normally (their callers may be long gone) and stops holding new ones. */
  unhang(method: string): void {
    this.faults.unhang(method);
  }

  /** How many calls of `method` are being held. */
  hungCalls(method: string): number {
    return this.faults.parkedCount(method);
  }

  /** Archives or restores a channel as a person would in Slack's client. */
  setArchived(channelId: string, archived: boolean): void {
    const ch = this.ws.conversation(channelId);
    if (!ch) throw new Error(`fake-slack: no channel ${channelId}`);
    ch.archived = archived;
  }

  // ---- inspection ----

  channel(idOrName: string): ChannelRecord | undefined {
    const ch = this.ws.channels.get(idOrName) ?? this.ws.channelByName(idOrName.replace(/^#/, ''));
    return ch ? this.ws.snapshot(ch) : undefined;
  }

  channels(): ChannelRecord[] {
    return [...this.ws.channels.values()].map((ch) => this.ws.snapshot(ch));
  }

  /** Oldest first; top-level only unless `includeReplies`. */
  messages(channelId: string, opts: { includeReplies?: boolean } = {}): MessageRecord[] {
    const ch = this.ws.conversation(channelId);
    if (!ch) return [];
    return opts.includeReplies === true ? [...ch.messages] : ch.messages.filter(isTopLevel);
  }

  /** Replies in a thread (without its parent), oldest first. */
  replies(channelId: string, threadTs: string): MessageRecord[] {
    const ch = this.ws.conversation(channelId);
    return ch ? this.ws.replies(ch, threadTs) : [];
  }

  message(channelId: string, ts: string): MessageRecord | undefined {
    const ch = this.ws.conversation(channelId);
    return ch ? this.ws.findMessage(ch, ts) : undefined;
  }

  /** The bot's DM channel id with `userId`, if one was opened. */
  dmChannelOf(userId: string): string | undefined {
    return this.ws.dmWith(userId, false)?.id;
  }

  /** Everything the bot sent into its DM with `userId`, replies included, oldest first. */
  dmsTo(userId: string): MessageRecord[] {
    const ch = this.ws.dmWith(userId, false);
    return ch ? ch.messages.filter((m) => m.user === this.ws.botUserId) : [];
  }

  get ephemerals(): readonly EphemeralRecord[] {
    return this.ws.ephemerals;
  }

  ephemeralsFor(userId: string): EphemeralRecord[] {
    return this.ws.ephemerals.filter((e) => e.user === userId);
  }

  get responses(): readonly ResponseRecord[] {
    return this.ws.responses;
  }

  responsesFor(userId: string): ResponseRecord[] {
    return this.ws.responses.filter((r) => r.userId === userId);
  }

  get views(): readonly ViewRecord[] {
    return this.ws.views;
  }

  lastView(): ViewRecord | undefined {
    return this.ws.views[this.ws.views.length - 1];
  }

  view(id: string): ViewRecord | undefined {
    return this.ws.views.find((v) => v.id === id);
  }

  /** A person's App Home as Slack shows it, if the app ever published one. */
  home(userId: string): HomeRecord | undefined {
    return this.ws.homes.get(userId);
  }

  /** The Home as Slack sends it in events and payloads (id, hash, blocks…). */
  homeView(userId: string): Record<string, unknown> | undefined {
    const home = this.ws.homes.get(userId);
    return home ? homePayload(this.ws, home) : undefined;
  }

  /** The `app_home_opened` event Slack sends when `userId` opens the app's Home tab (with the view, once published). */
  homeOpenedEvent(userId: string): Record<string, unknown> {
    const view = this.homeView(userId);
    return { type: 'app_home_opened', user: userId, channel: this.ws.dmWith(userId, true)?.id ?? '', tab: 'home', ...(view ? { view } : {}) };
  }

  /** Applies the app's answer to a view_submission as Slack would (SignedSlackClient.submitView calls this). */
  viewSubmitted(viewId: string, answer: unknown): ViewSubmissionOutcome {
    const record = this.view(viewId);
    if (!record) throw new Error(`fake-slack: no view ${viewId}`);
    return applyViewSubmissionAnswer(this.ws, record, answer);
  }
}
