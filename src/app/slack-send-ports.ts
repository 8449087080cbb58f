/** Where the Slack views of an incident live; kept by the Slack adapter so it can resume after a crash. */
export interface ViewRefs {
  readonly channelId: string | null;
  readonly channelName: string | null;
  readonly cardTs: string | null;
  readonly announceChannelId: string | null;
  readonly announceTs: string | null;
  readonly topic: string | null;
  readonly invited: readonly string[];
  readonly cardPinned: boolean;
}

/** A send that must reach Slack once: marked before the call, completed with where it landed. */
export interface SlackSend {
  readonly startedAt: Date;
  readonly channelId: string | null;
  readonly ts: string | null;
}

export interface SendRecords {
  slackSend(key: string): Promise<SlackSend | undefined>;
  markSendStarted(key: string, at: Date): Promise<void>;
  recordSent(key: string, channelId: string, ts: string): Promise<void>;
}
