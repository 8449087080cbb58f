import type { types } from '@slack/bolt';
import type { AppError } from '../../app/app-error.js';
import { messages, userMessage, type Locale } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { plain, section, type Block } from './format.js';

/**
 * An expected failure as the person reads it. A refusal that joining would lift ("Only people in #inc-… can change
 * INC-n") carries the button that joins: the bot invites them, so nobody has to hunt for the channel.
 */
export function renderRefusal(error: AppError, locale: Locale): { text: string; blocks?: Block[] } {
  const text = userMessage(error, locale);
  if (error.code !== 'not_incident_member') return { text };
  const join: types.Button = {
    type: 'button',
    action_id: ACTION.joinIncident,
    text: plain(messages(locale).join.button(error.channelName), 75),
    value: String(error.number),
    style: 'primary',
  };
  return { text, blocks: [section(text), { type: 'actions', block_id: 'join', elements: [join] }] };
}
