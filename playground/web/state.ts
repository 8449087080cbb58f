/** What the playground server tells the page: one person's view of the workspace. Shared by server and page. */

export interface PersonView {
  readonly id: string;
  readonly name: string;
  readonly realName: string;
  readonly title: string;
}

export interface UserView {
  readonly name: string;
  readonly realName: string;
  readonly isBot: boolean;
}

export type SidebarSection = 'channels' | 'incidents' | 'dms';

export interface ChannelSummary {
  readonly id: string;
  /** `general`, `inc-1-checkout-down`, or the other person's name for a DM */
  readonly name: string;
  readonly section: SidebarSection;
  readonly isPrivate: boolean;
  readonly isIm: boolean;
  /** newest top-level message, for unread marks */
  readonly latestTs: string | null;
  readonly purpose: string;
  /** false for a public channel the person can see but has not joined (Slack shows it to browse and join) */
  readonly isMember: boolean;
}

export interface ReactionView {
  readonly name: string;
  readonly count: number;
  readonly users: readonly string[];
}

export interface MessageView {
  readonly ts: string;
  readonly user: string;
  readonly botId: string | null;
  readonly text: string;
  readonly blocks: readonly unknown[] | null;
  readonly attachments: readonly unknown[] | null;
  readonly edited: boolean;
  readonly pinned: boolean;
  readonly reactions: readonly ReactionView[];
  readonly replyCount: number;
  readonly replyUsers: readonly string[];
  readonly latestReply: string | null;
  /** set on a reply: the ts of its thread's parent */
  readonly parentTs: string | null;
  readonly broadcast: boolean;
  /** ms, playground clock: a ts has whole seconds only, and ephemerals must sort among messages */
  readonly postedAt: number;
}

export interface EphemeralView {
  readonly key: string;
  /** ms, playground clock */
  readonly at: number;
  readonly text: string;
  readonly blocks: readonly unknown[] | null;
  readonly threadTs: string | null;
  /** the ts to name when clicking an element in it (chat.postEphemeral's message_ts) */
  readonly messageTs: string;
}

export interface ChannelView {
  readonly id: string;
  readonly name: string;
  readonly isPrivate: boolean;
  readonly isIm: boolean;
  readonly topic: string;
  readonly purpose: string;
  readonly memberCount: number;
  readonly isMember: boolean;
  readonly messages: readonly MessageView[];
  readonly pinned: readonly MessageView[];
  readonly ephemerals: readonly EphemeralView[];
}

export interface ThreadView {
  readonly channel: string;
  readonly parent: MessageView;
  readonly replies: readonly MessageView[];
  readonly ephemerals: readonly EphemeralView[];
}

export interface ModalView {
  readonly id: string;
  readonly hash: string;
  readonly callbackId: string;
  readonly title: unknown;
  readonly submit: unknown;
  readonly close: unknown;
  readonly blocks: readonly unknown[];
  /** 1 for a modal opened with views.open, more when the app pushed views on top */
  readonly depth: number;
}

/** The bot's App Home for the person looking, as Slack keeps it (null until the bot publishes one). */
export interface HomeTabView {
  readonly id: string;
  readonly hash: string;
  readonly blocks: readonly unknown[];
}

export interface ScenarioState {
  readonly storm: 'idle' | 'running' | 'done';
  readonly resolving: boolean;
  readonly fastForwarding: boolean;
}

export interface PageState {
  /** changes whenever anything in the workspace changed */
  readonly version: string;
  readonly clock: { readonly nowMs: number; readonly offsetMs: number; readonly timeZone: string };
  readonly locale: 'en' | 'ko';
  readonly me: string;
  readonly people: readonly PersonView[];
  readonly users: Readonly<Record<string, UserView>>;
  /** integration bot ids → the name Slack shows */
  readonly bots: Readonly<Record<string, string>>;
  readonly botUserId: string;
  readonly channels: readonly ChannelSummary[];
  readonly channel: ChannelView | null;
  readonly thread: ThreadView | null;
  readonly view: ModalView | null;
  readonly home: HomeTabView | null;
  readonly scenario: ScenarioState;
}

/**
 * Every answer of the JSON API that changes something. `slackbot`: what Slack's own Slackbot answers instead of the
 * app (an unknown slash command): no error, a message only the person sees.
 */
export type ActionAnswer = { ok: true; errors?: Record<string, string>; notice?: string; slackbot?: string } | { ok: false; error: string };
