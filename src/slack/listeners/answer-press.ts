import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { HomePress, Press } from '../../app/controls.js';
import { homeOpened } from '../../app/home/home-opened.js';
import type { ShownHome } from '../../app/home/home-ports.js';
import type { Block } from '../blocks/format.js';
import { homeNotice } from '../blocks/home.js';
import type { ListenerDeps } from './listener-deps.js';
import { ephemeral } from './payloads.js';

export interface AnsweredPress {
  readonly userId: string;
  readonly triggerId: string;
  readonly press: Press | HomePress;
  /** set when the press came from the presser's App Home */
  readonly home: ShownHome | null;
}

/**
 * After a press that may come from an App Home: a refusal is told under the message pressed, or, from a Home (no
 * message, no response_url), in a small modal; a press that worked re-publishes the presser's Home at once, as
 * opening it would (they are looking at it).
 */
export async function answerPress(
  deps: ListenerDeps,
  slack: { respond: RespondFn; client: WebClient },
  click: AnsweredPress,
  refusal: { text: string; blocks?: Block[] } | null,
): Promise<void> {
  if (refusal !== null) {
    if (click.press.kind === 'home_press') await slack.client.views.open({ trigger_id: click.triggerId, view: homeNotice(refusal.text, deps.t) });
    else await slack.respond(ephemeral(refusal));
  }
  if (click.home !== null) await homeOpened(deps.useCases, { userId: click.userId, shown: click.home });
}
