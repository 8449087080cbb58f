import type { Kysely } from 'kysely';

interface OldRow {
  id: number;
  kind: string;
  incident_number: number | null;
  payload: string;
  next_attempt_at: string;
  created_at: string;
  done_at: string | null;
}

type Payload = Record<string, unknown>;

/** The target key of an effect as this migration's version writes it (frozen here: later code may change). */
function keyOf(p: Payload): string {
  const n = String(p.incidentNumber);
  switch (p.kind) {
    case 'sync_channel':
      return `incident:${n}:channel`;
    case 'sync_card':
      return `incident:${n}:card`;
    case 'sync_announcement':
    case 'post_update_to_announcement':
      return `incident:${n}:announcement`;
    case 'post_timeline_messages':
    case 'post_postmortem':
      return `incident:${n}:thread`;
    case 'brief_new_lead':
      return `incident:${n}:lead:${String(p.userId)}`;
    case 'post_prompt':
    case 'refresh_prompt':
      return `prompt:${String(p.promptId)}`;
    case 'sync_triage_reply':
      return `group:${String(p.groupId)}`;
    case 'post_handoff_message':
    case 'refresh_handoff_message':
      return `handoff:${String(p.handoffId)}:${String(p.part)}`;
    default:
      return `unknown:${String(p.kind)}`;
  }
}

/** Effects of the previous version that wrote several targets become one effect per target. */
function split(p: Payload): Payload[] {
  const incidentNumber = p.incidentNumber;
  if (p.kind === 'sync_incident') {
    return ['sync_channel', 'sync_card', 'sync_announcement'].map((kind) => ({ kind, incidentNumber }));
  }
  if (p.kind === 'broadcast_update') {
    // The card-thread copy is now the status update's timeline message; the announcement copy is its own effect.
    return [
      { kind: 'post_timeline_messages', incidentNumber },
      { kind: 'post_update_to_announcement', incidentNumber, text: p.text, by: p.by },
    ];
  }
  return [p];
}

/**
 * Outbox lanes: every row names the Slack target it writes (`target_key`), a state (queued, running, done, dead)
 * and, while running, a lease (owner and expiry), so rows of one target run in order, different targets side by
 * side, and several workers can share the table. Also: marks for sends that must happen once
 * (`slack_sends`), and whether the summary card is pinned.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('target_key', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('outbox').addColumn('state', 'text', (c) => c.notNull().defaultTo('queued')).execute();
  await db.schema.alterTable('outbox').addColumn('lease_owner', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('lease_until', 'text').execute();

  const trx = db as unknown as Kysely<{ outbox: OldRow & { target_key: string; state: string; attempts: number } }>;
  await trx.updateTable('outbox').set({ state: 'done' }).where('done_at', 'is not', null).execute();
  const pending = await trx.selectFrom('outbox').selectAll().where('done_at', 'is', null).orderBy('id').execute();
  for (const row of pending) {
    let payload: Payload;
    try {
      payload = JSON.parse(row.payload) as Payload;
    } catch {
      // Left as it is: delivery buries a payload that does not parse as a dead letter.
      continue;
    }
    const [first, ...more] = split(payload);
    if (!first) continue;
    await trx
      .updateTable('outbox')
      .set({ kind: String(first.kind), payload: JSON.stringify(first), target_key: keyOf(first) })
      .where('id', '=', row.id)
      .execute();
    for (const next of more) {
      await trx
        .insertInto('outbox')
        .values({
          kind: String(next.kind),
          incident_number: row.incident_number,
          payload: JSON.stringify(next),
          target_key: keyOf(next),
          state: 'queued',
          attempts: 0,
          next_attempt_at: row.next_attempt_at,
          created_at: row.created_at,
        } as never)
        .execute();
    }
  }

  await db.schema.dropIndex('outbox_pending').execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_lane').on('outbox').columns(['target_key', 'state', 'id']).execute();

  // One row per send that must reach Slack once: written before the call, so a retry looks for the post first.
  await db.schema
    .createTable('slack_sends')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('ts', 'text')
    .execute();

  await db.schema.alterTable('incidents').addColumn('card_pinned', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await (db as unknown as Kysely<{ incidents: { card_ts: string | null; card_pinned: number } }>)
    .updateTable('incidents')
    .set({ card_pinned: 1 })
    .where('card_ts', 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('slack_sends').execute();
  await db.schema.dropIndex('outbox_lane').execute();
  await db.schema.dropIndex('outbox_due').execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['done_at', 'id']).execute();
  for (const column of ['lease_until', 'lease_owner', 'state', 'target_key']) await db.schema.alterTable('outbox').dropColumn(column).execute();
  await db.schema.alterTable('incidents').dropColumn('card_pinned').execute();
}
