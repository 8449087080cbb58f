import type { Logger } from 'pino';
import type { Store } from '../../app/ports.js';
import type { Clock } from '../../domain/clock.js';
import type { Incident } from '../../domain/incident.js';
import type { Severity } from '../../domain/severity.js';
import type { Catalog } from '../../i18n/index.js';
import { EffectAbandoned } from '../../app/outbox.js';
import type { PacedWebClient } from '../paced-client.js';
import type { ChannelJoins } from './channel-joins.js';

/** What every effect handler may use: the paced Slack client, the record, the clock and the words. */
export interface EffectDeps {
  readonly client: PacedWebClient;
  readonly store: Store;
  readonly clock: Clock;
  readonly t: Catalog;
  readonly log: Logger;
  readonly severities: readonly Severity[];
  readonly botUserId: string;
  /** the configured channels the bot joins before posting there */
  readonly joins: ChannelJoins;
}

/** The incident an effect is about; one that is gone from the record leaves nothing to show. */
export async function incidentOf(store: Store, number: number): Promise<Incident> {
  const incident = await store.getIncident(number);
  if (!incident) throw new EffectAbandoned(`incident ${number} is not in the record`);
  return incident;
}
