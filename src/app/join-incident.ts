import { err, ok, type Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { findIncident } from './mutate-incident.js';

/**
 * The Join button under "Only people in #inc-… can change INC-n": the bot invites the presser into the public
 * incident's channel, so nobody has to hunt for it. A private incident keeps its rule (members only: to anyone else
 * it does not exist).
 */
export async function joinIncidentChannel(deps: Pick<UseCaseDeps, 'store' | 'membership'>, input: { number: number; actorId: string }): Promise<Result<{ channelId: string }, AppError>> {
  const found = await findIncident(deps, { ref: input.number, channelId: null, subcommand: 'status', actorId: input.actorId }, 'join');
  if (!found.ok) return found;
  const { channelId } = found.value;
  return channelId === null ? err({ code: 'incident_not_found', number: input.number }) : ok({ channelId });
}
