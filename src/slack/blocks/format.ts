import type { types } from '@slack/bolt';
import { escapeStrayMarkup, escapeText, truncate } from '../../domain/slack-text.js';

export type Block = types.KnownBlock;

/** Slack renders the date in each reader's own time zone; the fallback is UTC. */
export function slackDate(date: Date): string {
  const epoch = Math.floor(date.getTime() / 1000);
  const fallback = date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return `<!date^${epoch}^{date_short_pretty} {time}|${fallback}>`;
}

/** "5 minutes ago", as each reader's client says it: the text stays the same while time passes. */
export function slackAgo(date: Date): string {
  const fallback = date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return `<!date^${Math.floor(date.getTime() / 1000)}^{ago}|${fallback}>`;
}

export const plain = (text: string, max = 150): types.PlainTextElement => ({ type: 'plain_text', text: truncate(text, max) || ' ', emoji: true });

/** Untrusted text inside mrkdwn: escaped, then capped so the section stays under Slack's 3000 characters. */
export const safe = (text: string, max = 2_800): string => truncate(escapeText(text), max);

/** mrkdwn as Slack gets it (see outgoing-markup.ts), so that a render equals what the channel shows. */
const mrkdwnText = (mrkdwn: string): string => truncate(escapeStrayMarkup(mrkdwn), 3_000);

export const section = (mrkdwn: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: mrkdwnText(mrkdwn) } });

export const context = (mrkdwn: string): types.ContextBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwnText(mrkdwn) }] });

export const user = (userId: string | null, fallback: string): string => (userId === null ? fallback : `<@${userId}>`);
