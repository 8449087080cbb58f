import type { UseCaseDeps } from '../../app/deps.js';
import { ingestAlerts, type IncomingAlert } from '../../app/ingest-alert.js';
import { slackTsToDate } from '../../app/record-pinned-message.js';
import { reviseAlertMessage, withdrawAlertMessage } from '../../app/revise-alert.js';
import { alertDeletionSchema, alertEditSchema, alertMessageOf, alertPostSchema, editFromPost, incomingFromPost, isTopLevel } from './alert-message.js';

/**
 * One `message` event of an alert channel to the use case it asks for: a post is triaged, an edit re-reads the message
 * (tools post recoveries by editing their alert), a deletion (or the tombstone Slack leaves of a message with replies)
 * withdraws it. Thread replies are conversation and the bot's own messages are never read; other channels and other
 * events are ignored. Takes the event as Slack sent it, so it serves the listener now and a stored event later.
 */
export async function triageAlertChannelEvent(useCases: UseCaseDeps, event: unknown): Promise<void> {
  await triageAlertChannelEvents(useCases, [event]);
}

/**
 * Events of one alert channel in the order Slack sent them: runs of new posts are stored and grouped in one
 * transaction each (a storm read from the inbox), edits and deletions in between are applied in their place.
 */
export async function triageAlertChannelEvents(useCases: UseCaseDeps, events: readonly unknown[]): Promise<void> {
  let posts: IncomingAlert[] = [];
  const flush = async (): Promise<void> => {
    if (posts.length > 0) await ingestAlerts(useCases, posts);
    posts = [];
  };
  for (const event of events) {
    const post = alertPost(useCases, event);
    if (post) {
      posts.push(post);
      continue;
    }
    await flush();
    await reviseOrWithdraw(useCases, event);
  }
  await flush();
}

/** A new top-level message of an alert channel, not the bot's own, as the use case takes it; null for anything else. */
function alertPost(useCases: UseCaseDeps, event: unknown): IncomingAlert | null {
  const post = alertPostSchema.safeParse(event);
  if (!post.success || !useCases.triage.alertChannels.includes(post.data.channel) || !isTopLevel(post.data) || post.data.user === useCases.botUserId) return null;
  const { channel, ts } = post.data;
  return incomingFromPost({ channelId: channel, ts, at: slackTsToDate(ts), raw: JSON.stringify(event), message: alertMessageOf(post.data) });
}

async function reviseOrWithdraw(useCases: UseCaseDeps, event: unknown): Promise<void> {
  const channels = useCases.triage.alertChannels;
  const ours = (message: { user?: string | undefined }): boolean => message.user === useCases.botUserId;

  const edit = alertEditSchema.safeParse(event);
  if (edit.success) {
    const { channel, ts, message } = edit.data;
    if (!channels.includes(channel) || !isTopLevel(message) || ours(message)) return;
    if (message.subtype === 'tombstone') return void (await withdrawAlertMessage(useCases, { channelId: channel, ts: message.ts, at: slackTsToDate(ts) }));
    const raw = JSON.stringify({ ...message, channel });
    await reviseAlertMessage(useCases, editFromPost({ channelId: channel, ts: message.ts, at: slackTsToDate(ts), raw, message: alertMessageOf(message) }));
    return;
  }
  const deletion = alertDeletionSchema.safeParse(event);
  if (deletion.success) {
    const { channel, ts, deleted_ts: deletedTs } = deletion.data;
    if (channels.includes(channel)) await withdrawAlertMessage(useCases, { channelId: channel, ts: deletedTs, at: slackTsToDate(ts) });
  }
}
