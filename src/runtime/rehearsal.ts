import type { UseCaseDeps } from '../app/deps.js';
import { fixedClock } from '../domain/clock.js';
import { migrateToLatest, openDatabase } from '../db/connection.js';
import { createStore } from '../db/store.js';
import { EventIntake } from '../inbound/event-intake.js';
import { eventIntake } from '../inbound/slack/events-api.js';
import { inboxProcessor } from '../inbound/stored-events.js';

const CHANNEL = 'C0REHEARSAL';
const OWNER = 'rehearsal';

/** A message as Alertmanager's default Slack template posts it, one of `groups` problems, as the Events API sends it. */
function alertmanagerPost(n: number, groups: number, at: number): Record<string, unknown> {
  const g = n % groups;
  const ts = `${Math.floor(at / 1000) + n}.${String(n).padStart(6, '0')}`;
  const title = `[FIRING:1] RehearsalAlert${g} service-${g}`;
  const text = [`*Alert:* Rehearsal alert ${g} - \`critical\``, '*Description:* rehearsal', '*Details:*', `  • *alertname:* \`RehearsalAlert${g}\``, `  • *service:* \`service-${g}\``].join('\n');
  const event = { type: 'message', subtype: 'bot_message', channel: CHANNEL, ts, event_ts: ts, bot_id: 'B0REHEARSAL', username: 'alertmanager', text: '', attachments: [{ color: 'danger', title, text, fallback: title }] };
  return { token: 'rehearsal', team_id: 'T0REHEARSAL', api_app_id: 'A0REHEARSAL', type: 'event_callback', event_id: `EvRehearsal${n}`, event_time: Math.floor(at / 1000), event };
}

/**
 * A bot restarted into an alert storm used to answer its first requests at half its warmed-up pace: V8 had compiled
 * none of the code that stores and reads an alert (kysely's query building, the parsers, grouping), so the first
 * storm after a start ran it interpreted. Before the bot takes requests it rehearses a small storm on a throwaway
 * in-memory database, through the same code: each event stored as a request stores it, claimed and read as the drain
 * reads it, grouped and its reply queued. Nothing of it reaches the record, Slack or the metrics.
 */
export async function rehearseStorm(useCases: UseCaseDeps, options = { events: 400, groups: 20, batch: 25 }): Promise<{ read: number; repliesQueued: number }> {
  const db = openDatabase(':memory:');
  try {
    await migrateToLatest(db);
    const store = createStore(db);
    const clock = fixedClock(useCases.clock.now());
    const deps: UseCaseDeps = {
      ...useCases,
      store,
      clock,
      effectsQueued: () => undefined,
      alertsRead: () => undefined,
      triage: { ...useCases.triage, alertChannels: [CHANNEL] },
    };
    const take = eventIntake(new EventIntake(store, { maxWaitMs: 0, maxBatch: options.batch }), clock, () => undefined);
    const read = inboxProcessor(async () => undefined, deps);
    const at = clock.now().getTime();
    let readCount = 0;
    for (let from = 0; from < options.events; from += options.batch) {
      const bodies = Array.from({ length: Math.min(options.batch, options.events - from) }, (_, i) => alertmanagerPost(from + i, options.groups, at));
      await Promise.all(bodies.map((body) => take(body, JSON.stringify(body))));
      for (const batch of await store.claimEvents(OWNER, clock.now(), 30_000, 1, options.batch)) {
        await read(batch.key, batch.events);
        if (await store.completeEvents(batch.events.map((e) => e.id), OWNER, clock.now())) readCount += batch.events.length;
      }
    }
    return { read: readCount, repliesQueued: (await store.outboxStats(clock.now())).queued };
  } finally {
    await db.destroy();
  }
}
