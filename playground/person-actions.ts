/**
 * What a person does in the page, done the way Slack does it: the fake Slack's workspace changes first, then the
 * bot gets exactly the signed request Slack would send (a slash command, a block action, a view submission, or an
 * Events API callback for the events the bot's manifest subscribes to).
 */
import { toApiMessage } from '../test/fake-slack/message-shape.js';
import type { FakeSlack, ViewSubmissionOutcome } from '../test/fake-slack/server.js';
import { valuesFromView, type SignedSlackClient, type SimpleValue } from '../test/fake-slack/slack-client.js';
import { BOT } from './demo-workspace.js';
import type { AlertChannelPost } from './scenarios/alert-posts.js';

export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; error: string };

export interface ElementTarget {
  readonly user: string;
  readonly channel: string;
  readonly messageTs: string;
  readonly actionId: string;
  readonly blockId: string;
  /** the element sits in an ephemeral message (no stored message to attach to the payload) */
  readonly ephemeral: boolean;
}

const failed = (error: string): { ok: false; error: string } => ({ ok: false, error });

export class PersonActions {
  private readonly fake: FakeSlack;
  private readonly slack: SignedSlackClient;
  private readonly nowMs: () => number;
  private eventSeq = 0;

  constructor(fake: FakeSlack, slack: SignedSlackClient, nowMs: () => number) {
    this.fake = fake;
    this.slack = slack;
    this.nowMs = nowMs;
  }

  /** A unique event_ts-like stamp from the playground clock (Slack stamps edits and deletes with their own ts). */
  private eventTs(): string {
    this.eventSeq = (this.eventSeq + 1) % 1_000_000;
    return `${Math.floor(this.nowMs() / 1000)}.${String(this.eventSeq).padStart(6, '0')}`;
  }

  /** message.channels / message.groups: only for conversations the bot is in, never for DMs (not subscribed). */
  private botHears(channelId: string): { channelType: 'channel' | 'group' } | null {
    const ch = this.fake.channel(channelId);
    if (!ch || ch.isIm || !ch.members.includes(this.fake.botUserId)) return null;
    return { channelType: ch.isPrivate ? 'group' : 'channel' };
  }

  private async deliver(channelId: string, event: Record<string, unknown>): Promise<Outcome> {
    const hears = this.botHears(channelId);
    if (!hears) return { ok: true };
    const res = await this.slack.event({ channel_type: hears.channelType, ...event });
    return res.status === 200 ? { ok: true } : failed(`the bot answered the event with HTTP ${res.status}`);
  }

  private canPost(user: string, channelId: string): string | null {
    const ch = this.fake.channel(channelId);
    if (!ch) return 'That channel does not exist.';
    if (ch.archived) return 'This channel has been archived.';
    if (ch.isIm) return ch.imUser === user ? null : 'That is someone else’s conversation.';
    if (ch.isPrivate && !ch.members.includes(user)) return 'You are not a member of this private channel.';
    // Slack's client shows a channel one has not joined as a preview, without a message box: join first.
    if (!ch.members.includes(user)) return `You are not in #${ch.name}. Join it to write there.`;
    return null;
  }

  /**
   * "Join channel" on a public channel: the person becomes a member. (Slack also posts "… has joined the channel"; the
   * fake Slack keeps no such system messages, so the playground leaves it out.)
   */
  join(input: { user: string; channel: string }): Outcome<{ notice?: string }> {
    const ch = this.fake.channel(input.channel);
    if (!ch || ch.isIm) return failed('That channel does not exist.');
    if (ch.archived) return failed('This channel has been archived.');
    if (ch.isPrivate && !ch.members.includes(input.user)) return failed('Only its members can add you to a private channel.');
    this.fake.joinChannel(input.channel, input.user);
    return { ok: true };
  }

  async postMessage(input: { user: string; channel: string; text: string; threadTs?: string }): Promise<Outcome<{ ts: string }>> {
    const refused = this.canPost(input.user, input.channel);
    if (refused) return failed(refused);
    if (input.threadTs !== undefined && !this.fake.message(input.channel, input.threadTs)) return failed('That thread no longer exists.');
    const ts = this.fake.postMessage(input.channel, { user: input.user, text: input.text, ...(input.threadTs ? { threadTs: input.threadTs } : {}) });
    const parent = input.threadTs ? this.fake.message(input.channel, input.threadTs) : undefined;
    const delivered = await this.deliver(input.channel, {
      type: 'message',
      channel: input.channel,
      user: input.user,
      text: input.text,
      ts,
      event_ts: ts,
      team: this.fake.teamId,
      ...(parent ? { thread_ts: parent.ts, parent_user_id: parent.user } : {}),
    });
    return delivered.ok ? { ok: true, ts } : delivered;
  }

  /** An integration (Alertmanager, Grafana) or a person posting into a channel, as a scenario replays it. */
  async postAs(channel: string, post: AlertChannelPost): Promise<Outcome<{ ts: string }>> {
    if (post.kind === 'human') return this.postMessage({ user: post.user, channel, text: post.text });
    const attachments = [...post.attachments];
    const ts = this.fake.postMessage(channel, { botId: post.botId, text: post.text, attachments });
    const delivered = await this.deliver(channel, {
      type: 'message',
      subtype: 'bot_message',
      channel,
      ts,
      event_ts: ts,
      bot_id: post.botId,
      username: post.username,
      text: post.text,
      attachments,
    });
    return delivered.ok ? { ok: true, ts } : delivered;
  }

  /** `/incident …`: Slack shows the person an error when the app does not answer 200 in time. */
  async command(input: { user: string; channel: string; command: string; text: string }): Promise<Outcome> {
    const refused = this.canPost(input.user, input.channel);
    if (refused) return failed(refused);
    const res = await this.slack.command(input.text, { user: input.user, channel: input.channel, command: input.command });
    return res.status === 200 ? { ok: true } : failed(`${input.command} failed with the error "http_${res.status}"`);
  }

  async click(target: ElementTarget, value: string | undefined): Promise<Outcome> {
    const res = await this.slack.clickButton({ ...target, ...(value !== undefined ? { value } : {}) });
    return res.status === 200 ? { ok: true } : failed(`The app did not respond (HTTP ${res.status}).`);
  }

  async select(target: ElementTarget, value: string, text: string | undefined): Promise<Outcome> {
    const res = await this.slack.selectOption({ ...target, value, ...(text !== undefined ? { text } : {}) });
    return res.status === 200 ? { ok: true } : failed(`The app did not respond (HTTP ${res.status}).`);
  }

  async submitView(input: { user: string; viewId: string; values: Record<string, SimpleValue> }): Promise<Outcome<{ outcome: ViewSubmissionOutcome }>> {
    const view = this.fake.view(input.viewId);
    if (!view || view.closed || view.userId !== input.user) return failed('This form is no longer open.');
    let values;
    try {
      values = valuesFromView(view, input.values);
    } catch (error) {
      return failed(error instanceof Error ? error.message : String(error));
    }
    const res = await this.slack.submitView({ user: input.user, view, values });
    return { ok: true, outcome: res.outcome };
  }

  /** The person opens the app's Home tab: Slack sends app_home_opened (the bot publishes the Home if it is stale). */
  async openHome(user: string): Promise<Outcome> {
    const res = await this.slack.openHome(user);
    return res.status === 200 ? { ok: true } : failed(`the bot answered app_home_opened with HTTP ${res.status}`);
  }

  /** A button on the person's Home (Slack names the view, not a message). */
  async clickHome(user: string, actionId: string, value: string | undefined): Promise<Outcome> {
    let res;
    try {
      res = await this.slack.clickHomeButton({ user, actionId, ...(value !== undefined ? { value } : {}) });
    } catch {
      return failed('That button is no longer on your Home.');
    }
    return res.status === 200 ? { ok: true } : failed(`The app did not respond (HTTP ${res.status}).`);
  }

  closeView(input: { user: string; viewId: string }): Outcome {
    const view = this.fake.view(input.viewId);
    if (!view || view.userId !== input.user) return failed('This form is no longer open.');
    if (!view.closed) this.fake.closeView(input.viewId);
    return { ok: true };
  }

  async pin(input: { user: string; channel: string; ts: string }): Promise<Outcome> {
    const m = this.fake.message(input.channel, input.ts);
    if (!m) return failed('That message no longer exists.');
    if (!this.fake.pinMessage(input.channel, input.ts)) return { ok: true };
    const now = this.eventTs();
    return this.deliver(input.channel, {
      type: 'pin_added',
      user: input.user,
      channel_id: input.channel,
      item: { type: 'message', channel: input.channel, created: Math.floor(this.nowMs() / 1000), created_by: input.user, message: toApiMessage(m) },
      event_ts: now,
    });
  }

  async react(input: { user: string; channel: string; ts: string; name: string }): Promise<Outcome> {
    const m = this.fake.message(input.channel, input.ts);
    if (!m) return failed('That message no longer exists.');
    if (!this.fake.addReaction(input.channel, input.ts, input.user, input.name)) return { ok: true };
    return this.deliver(input.channel, {
      type: 'reaction_added',
      user: input.user,
      reaction: input.name,
      item_user: m.user,
      item: { type: 'message', channel: input.channel, ts: input.ts },
      event_ts: this.eventTs(),
    });
  }

  private ownMessage(user: string, channel: string, ts: string): string | null {
    const m = this.fake.message(channel, ts);
    if (!m) return 'That message no longer exists.';
    return m.user === user && m.user !== BOT.userId ? null : 'You can only change your own messages.';
  }

  async edit(input: { user: string; channel: string; ts: string; text: string }): Promise<Outcome> {
    const refused = this.ownMessage(input.user, input.channel, input.ts);
    if (refused) return failed(refused);
    const before = this.fake.message(input.channel, input.ts)?.text ?? '';
    this.fake.editMessage(input.channel, input.ts, { text: input.text });
    const at = this.eventTs();
    return this.deliver(input.channel, {
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: input.channel,
      ts: at,
      event_ts: at,
      message: { type: 'message', user: input.user, text: input.text, ts: input.ts, edited: { user: input.user, ts: at } },
      previous_message: { type: 'message', user: input.user, text: before, ts: input.ts },
    });
  }

  async remove(input: { user: string; channel: string; ts: string }): Promise<Outcome> {
    const refused = this.ownMessage(input.user, input.channel, input.ts);
    if (refused) return failed(refused);
    const before = this.fake.message(input.channel, input.ts)?.text ?? '';
    this.fake.deleteMessage(input.channel, input.ts);
    const at = this.eventTs();
    return this.deliver(input.channel, {
      type: 'message',
      subtype: 'message_deleted',
      hidden: true,
      channel: input.channel,
      ts: at,
      event_ts: at,
      deleted_ts: input.ts,
      previous_message: { type: 'message', user: input.user, text: before, ts: input.ts },
    });
  }
}
