import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { Severity } from '../../src/domain/severity.js';
import { eventually } from '../support/eventually.js';
import { buttonValue, command, declare, startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.stop());


/** Cadences in seconds, so the guided flow runs in a test (and a game day) without waiting 15 minutes. */
const fast = (sev1: Partial<Severity>): Severity[] => [
  { id: 'sev1', label: 'SEV1', description: 'Critical', announce: true, ...sev1 },
  ...defaultConfig().severities.slice(1),
];

const promptsIn = (channelId: string, text: string) => (h.fake.channel(channelId)?.messages ?? []).filter((m) => m.text.includes(text));

async function click(channelId: string, ts: string, actionId: string, user: string = USERS.alice): Promise<void> {
  const message = h.fake.message(channelId, ts);
  await h.slack.clickButton({ user, channel: channelId, messageTs: ts, actionId, value: buttonValue(message?.blocks, actionId) });
}

describe('the bot walks the responder through', () => {
  it('asks a SEV1 commander on time; "Not yet" re-arms, "Mitigated" stops it and edits the card', async () => {
    h = await startHarness({ severities: fast({ mitigationCheckMs: 1_500 }) });
    const { channelId } = await declare(h, 'Checkout down', { severity: 'sev1', impact: 'Nobody can pay' });
    // Not before the cadence: measured from the declaration as recorded (declaring itself takes a while over HTTP).
    const declaredAt = (await h.bot.store.getIncident(1))?.milestones.declaredAt.getTime() ?? Infinity;
    const [first] = await eventually(() => {
      const found = promptsIn(channelId, 'Is customer impact mitigated?');
      expect(found).toHaveLength(1);
      return found;
    }, 4_000);
    expect((first?.postedAt ?? 0) - declaredAt).toBeGreaterThanOrEqual(1_500);
    expect(first?.text).toContain(`<@${USERS.alice}>`);

    await click(channelId, first?.ts ?? '', 'prompt.answer:not_yet');
    await eventually(() => expect(JSON.stringify(h.fake.message(channelId, first?.ts ?? '')?.blocks)).toContain('Not yet; will ask again'));
    expect(JSON.stringify(h.fake.message(channelId, first?.ts ?? '')?.blocks)).not.toContain('"actions"');

    const second = await eventually(() => {
      const found = promptsIn(channelId, 'Is customer impact mitigated?');
      expect(found).toHaveLength(2);
      return found[1];
    }, 4_000);
    await click(channelId, second?.ts ?? '', 'prompt.answer:mitigated');
    await eventually(async () => {
      await h.bot.settled();
      expect(h.fake.channel(channelId)?.topic).toContain('Mitigated');
      expect(JSON.stringify(h.fake.message(channelId, second?.ts ?? '')?.blocks)).toContain(`Mitigated — <@${USERS.alice}>`);
    });
    // The 1.5 s cadence passes under the scheduler's eyes (three ticks) and nothing more is asked.
    await h.bot.ticked(3);
    await h.bot.settled();
    expect(promptsIn(channelId, 'Is customer impact mitigated?')).toHaveLength(2);
    expect((await h.bot.store.timeline(1)).filter((e) => e.kind === 'prompt_answered').map((e) => e.data.answer)).toEqual(['not_yet', 'mitigated']);
  }, 20_000);

  it('a snoozed update nudge comes back after the snooze', async () => {
    h = await startHarness({
      severities: fast({ updateReminderMs: 1_000 }),
      prompts: { ...defaultConfig().prompts, snooze: [2_000] },
    });
    const { channelId } = await declare(h, 'Slow search', { severity: 'sev1', impact: 'Search takes 10 s' });
    const nudge = await eventually(() => {
      const [found] = promptsIn(channelId, 'No status update for');
      if (!found) throw new Error('no nudge yet');
      return found;
    }, 4_000);
    await click(channelId, nudge.ts, 'prompt.answer:snooze:2000');
    const snoozedAt = Date.now();
    await eventually(() => expect(JSON.stringify(h.fake.message(channelId, nudge.ts)?.blocks)).toContain('Snoozed for 2s'));
    await eventually(() => expect(promptsIn(channelId, 'No status update for')).toHaveLength(2), 5_000);
    expect(Date.now() - snoozedAt).toBeGreaterThanOrEqual(1_900);
  }, 20_000);

  it('holds the update nudge back while the commander writes, with a back-off under 30 s', async () => {
    h = await startHarness({
      severities: fast({ updateReminderMs: 5_000 }),
      prompts: { ...defaultConfig().prompts, backOffWhileActive: 4_000 },
    });
    const { channelId } = await declare(h, 'Queue stuck', { severity: 'sev1', impact: 'Orders are not shipped' });
    // The update re-arms the nudge 5 s from now; the commander then writes about every second for 10 s.
    await command(h, 'update Draining the dead-letter queue', USERS.alice, channelId);
    let lastMessageTs = 0;
    for (let i = 0; i < 10; i += 1) {
      const ts = h.fake.postMessage(channelId, { user: USERS.alice, text: `checking shard ${i}` });
      await h.slack.event({ type: 'message', channel: channelId, user: USERS.alice, text: `checking shard ${i}`, ts, event_ts: ts });
      lastMessageTs = Number(ts);
      expect(promptsIn(channelId, 'No status update for')).toHaveLength(0);
      // Alice writes again once the scheduler has looked once more (about a second, well within the 4 s back-off).
      await h.bot.ticked(1);
    }
    expect(promptsIn(channelId, 'No status update for')).toHaveLength(0);
    // Quiet for the back-off after the last message: then the nudge comes, once.
    await eventually(() => expect(promptsIn(channelId, 'No status update for')).toHaveLength(1), 8_000);
    // As Slack stamps them: the nudge comes the back-off after the last message (less the 0.4 s resolution).
    const nudgeTs = Number(promptsIn(channelId, 'No status update for')[0]?.ts);
    expect(nudgeTs - lastMessageTs).toBeGreaterThanOrEqual(3.5);
  }, 40_000);

  it('asks for a missing severity and impact right after declare, in one message updated as answered', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Something is off', { severity: null });
    const setup = await eventually(() => {
      const [found] = promptsIn(channelId, 'A few things are still missing');
      if (!found) throw new Error('no setup prompt');
      return found;
    });
    expect(JSON.stringify(setup.blocks)).toContain('How bad is it?');
    await click(channelId, setup.ts, 'prompt.answer:severity:sev2');
    await eventually(async () => {
      await h.bot.settled();
      expect(h.fake.channel(channelId)?.topic).toContain('SEV2');
      expect(JSON.stringify(h.fake.message(channelId, setup.ts)?.blocks)).not.toContain('How bad is it?');
    });
    await click(channelId, setup.ts, 'prompt.impact');
    const view = await eventually(() => {
      const v = h.fake.lastView();
      if (v?.callback_id !== 'incident.impact') throw new Error('impact modal not open');
      return v;
    });
    await h.slack.submitView({ user: USERS.alice, view, values: { impact: { value: { type: 'plain_text_input', value: 'Logins fail for 5% of users' } } } });
    await eventually(async () => {
      await h.bot.settled();
      expect(JSON.stringify(h.fake.message(channelId, setup.ts)?.blocks)).toContain('Severity, impact and commander are set.');
      expect(JSON.stringify(h.fake.channel(channelId)?.messages[0]?.blocks)).toContain('Logins fail for 5% of users');
    });
    expect(promptsIn(channelId, 'A few things are still missing')).toHaveLength(1);
  });

  it('a prompt that fell due while the bot was down arrives once after the restart', async () => {
    h = await startHarness({ severities: fast({ mitigationCheckMs: 3_000 }) });
    const { channelId } = await declare(h, 'Disk full', { severity: 'sev1', impact: 'Uploads fail' });
    await h.restart(3_500);
    await eventually(() => expect(promptsIn(channelId, 'Is customer impact mitigated?')).toHaveLength(1), 3_000);
    await h.bot.ticked(2);
    await h.bot.settled();
    expect(promptsIn(channelId, 'Is customer impact mitigated?')).toHaveLength(1);
    expect(await command(h, 'status', USERS.alice, channelId)).toContain('INC-1');
  }, 20_000);

  it('/incident lead @bob briefs Bob by DM; Alice stays commander until he acknowledges; both are reminded once', async () => {
    h = await startHarness({ prompts: { ...defaultConfig().prompts, leadAckTimeout: 1_000 } });
    const { channelId } = await declare(h, 'Payments flaky', { severity: 'sev2', impact: 'Some card payments fail' });
    await command(h, 'note restarted the payment workers, no change', USERS.alice, channelId);
    await command(h, 'update Failing over to the secondary PSP', USERS.alice, channelId);
    expect(await command(h, `lead <@${USERS.bob}|bob>`, USERS.alice, channelId)).toContain('you stay commander until they acknowledge');

    const briefing = await eventually(() => {
      const [dm] = h.fake.dmsTo(USERS.bob);
      if (!dm) throw new Error('no briefing yet');
      return dm;
    });
    const shown = JSON.stringify(briefing.blocks);
    expect(shown).toContain('restarted the payment workers, no change');
    expect(shown).toContain('Failing over to the secondary PSP');
    expect(shown).toContain('Some card payments fail');
    expect(h.fake.channel(channelId)?.topic).toContain(`IC <@${USERS.alice}>`);
    expect(JSON.stringify(h.fake.channel(channelId)?.messages[0]?.blocks)).toContain(`Lead handoff to <@${USERS.bob}> waiting for acknowledgement`);

    // Unacknowledged after the timeout: one reminder each, not one per tick.
    await eventually(() => {
      expect(h.fake.dmsTo(USERS.bob).map((m) => m.text).join()).toContain('Reminder: <@U0ALICE> asked you to lead INC-1');
      expect(h.fake.dmsTo(USERS.alice).map((m) => m.text).join()).toContain('has not acknowledged the INC-1 handoff yet');
    }, 4_000);
    // Two more scheduler looks after the reminders: no second reminder.
    await h.bot.ticked(2);
    await h.bot.settled();
    expect(h.fake.dmsTo(USERS.bob)).toHaveLength(2);
    expect(h.fake.dmsTo(USERS.alice)).toHaveLength(1);

    await click(briefing.channel, briefing.ts, 'lead.acknowledge', USERS.bob);
    await eventually(async () => {
      await h.bot.settled();
      expect(h.fake.channel(channelId)?.topic).toContain(`IC <@${USERS.bob}>`);
      expect(JSON.stringify(h.fake.channel(channelId)?.messages[0]?.blocks)).not.toContain('waiting for acknowledgement');
    });
    const reminder = h.fake.dmsTo(USERS.bob)[1];
    const notice = h.fake.dmsTo(USERS.alice)[0];
    await eventually(() => {
      expect(h.fake.message(reminder?.channel ?? '', reminder?.ts ?? '')?.text).toContain('✓ You acknowledged the handoff from <@U0ALICE> and took over INC-1');
      expect(h.fake.message(notice?.channel ?? '', notice?.ts ?? '')?.text).toContain('✓ <@U0BOB> acknowledged the INC-1 handoff');
    });
    const handover = (await h.bot.store.timeline(1)).find((e) => e.kind === 'commander_changed');
    expect(handover).toMatchObject({ actorId: USERS.bob, data: { from: USERS.alice, to: USERS.bob } });
  }, 20_000);
});
