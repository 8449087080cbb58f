import type { App } from '@slack/bolt';
import { joinIncidentChannel } from '../../app/join-incident.js';
import { renderRefusal } from '../blocks/refusal.js';
import { ACTION } from '../ids.js';
import type { ListenerDeps } from './listener-deps.js';
import { ephemeral, idClickOf } from './payloads.js';

/** The Join button under a refusal to a non-member of a public incident: the bot invites them, then says so. */
export function registerJoinAction(app: App, deps: ListenerDeps): void {
  const { useCases, t, locale } = deps;
  app.action(ACTION.joinIncident, async ({ ack, body, respond }) => {
    await ack();
    const click = idClickOf(body);
    if (!click) return;
    const joined = await joinIncidentChannel(useCases, { number: click.id, actorId: click.userId });
    // The refusal (only the presser saw it) gives way to the answer.
    if (joined.ok) await respond({ response_type: 'ephemeral', replace_original: true, text: `✅ ${t.join.done(joined.value.channelId)}` });
    else await respond(ephemeral(renderRefusal(joined.error, locale)));
  });
}
