import type { Kysely, Transaction } from 'kysely';
import { FORM_KINDS, type BotMessage, type ControlRecords, type FormKind, type IssuedForm } from '../app/access-ports.js';
import { LEAD_MESSAGE_PARTS } from '../domain/lead-handoff.js';
import { HANDOFF_PARTS } from '../domain/oncall/handoff.js';
import type { Database, IssuedFormsTable } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

const formKind = (value: string): FormKind => {
  const kind = FORM_KINDS.find((k) => k === value);
  if (!kind) throw new Error(`unknown form kind in the record: ${value}`);
  return kind;
};

const formFromRow = (row: IssuedFormsTable): IssuedForm => ({
  token: row.token,
  form: formKind(row.form),
  userId: row.user_id,
  incidentNumber: row.incident_number,
  alertGroupId: row.alert_group_id,
  handoffId: row.handoff_id,
  viewId: row.view_id,
  openedAt: new Date(row.opened_at),
});

/** The messages and forms the bot made, looked up when someone presses or submits one. */
export function controlRecords(db: Executor): ControlRecords {
  return {
    async botMessageAt(channelId, ts): Promise<BotMessage | undefined> {
      const card = await db.selectFrom('incidents').select('number').where('channel_id', '=', channelId).where('card_ts', '=', ts).executeTakeFirst();
      if (card) return { kind: 'summary_card', incidentNumber: card.number };
      const prompt = await db.selectFrom('prompts').select(['id', 'incident_number']).where('channel_id', '=', channelId).where('message_ts', '=', ts).executeTakeFirst();
      if (prompt) return { kind: 'prompt', incidentNumber: prompt.incident_number, promptId: prompt.id };
      const lead = await db
        .selectFrom('lead_handoff_messages')
        .innerJoin('lead_handoffs', 'lead_handoffs.id', 'lead_handoff_messages.handoff_id')
        .select(['lead_handoffs.incident_number', 'lead_handoff_messages.handoff_id', 'lead_handoff_messages.part'])
        .where('lead_handoff_messages.channel_id', '=', channelId)
        .where('lead_handoff_messages.ts', '=', ts)
        .executeTakeFirst();
      const leadPart = LEAD_MESSAGE_PARTS.find((p) => p === lead?.part);
      if (lead && leadPart) return { kind: 'lead_message', incidentNumber: lead.incident_number, handoffId: lead.handoff_id, part: leadPart };
      const group = await db.selectFrom('alert_groups').select('id').where('channel_id', '=', channelId).where('reply_ts', '=', ts).executeTakeFirst();
      if (group) return { kind: 'triage_reply', groupId: group.id };
      const handoff = await db.selectFrom('handoff_messages').select(['handoff_id', 'part']).where('channel_id', '=', channelId).where('ts', '=', ts).executeTakeFirst();
      const part = HANDOFF_PARTS.find((p) => p === handoff?.part);
      if (handoff && part) return { kind: 'handoff', handoffId: handoff.handoff_id, part };
      return undefined;
    },
    async insertForm(form) {
      await db
        .insertInto('issued_forms')
        .values({
          token: form.token,
          form: form.form,
          user_id: form.userId,
          incident_number: form.incidentNumber,
          alert_group_id: form.alertGroupId,
          handoff_id: form.handoffId,
          view_id: form.viewId,
          opened_at: form.openedAt.toISOString(),
        })
        .execute();
    },
    async getForm(token) {
      const row = await db.selectFrom('issued_forms').selectAll().where('token', '=', token).executeTakeFirst();
      return row ? formFromRow(row) : undefined;
    },
    async setFormView(token, viewId) {
      await db.updateTable('issued_forms').set({ view_id: viewId }).where('token', '=', token).where('view_id', 'is', null).execute();
    },
  };
}
