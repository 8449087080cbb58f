import { escapeText } from '../slack-text.js';

/**
 * How the draft is written out: GitHub-flavoured markdown (stored, exported) or Slack mrkdwn (posted). User text
 * goes through `text`: untouched in markdown, escaped for Slack so it can never ping `@channel` or forge a link.
 */
export interface Dialect {
  readonly text: (userText: string) => string;
  readonly bold: (s: string) => string;
  readonly italic: (s: string) => string;
  readonly link: (url: string, label: string) => string;
  readonly mention: (userId: string) => string;
  readonly bullet: string;
  readonly checkbox: (done: boolean) => string;
  /** Keeps a multi-line text inside its list item. */
  readonly continueItem: (s: string) => string;
}

export const markdownDialect: Dialect = {
  text: (s) => s,
  bold: (s) => `**${s}**`,
  italic: (s) => `_${s}_`,
  link: (url, label) => `[${label}](${url})`,
  mention: (userId) => `@${userId}`,
  bullet: '- ',
  checkbox: (done) => (done ? '- [x] ' : '- [ ] '),
  continueItem: (s) => s.replace(/\n/g, '\n  '),
};

export const slackDialect: Dialect = {
  text: escapeText,
  bold: (s) => `*${s}*`,
  italic: (s) => `_${s}_`,
  link: (url, label) => `<${url}|${label}>`,
  mention: (userId) => `<@${userId}>`,
  bullet: '• ',
  checkbox: (done) => (done ? '☑ ' : '☐ '),
  continueItem: (s) => s,
};
