import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { MessageRecord } from '../fake-slack/types.js';
import { eventually } from '../support/eventually.js';
import { buttonValue, command, declare, resolveWithModal, startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.stop());

const { alice, bob, carol } = USERS;

async function click(message: MessageRecord, actionId: string, user: string): Promise<void> {
  const current = h.fake.message(message.channel, message.ts);
  await h.slack.clickButton({ user, channel: message.channel, messageTs: message.ts, actionId, value: buttonValue(current?.blocks, actionId) });
}

/** A press from a client still showing the buttons the bot has since removed (Slack delivers it all the same). */
async function pressStale(message: MessageRecord, actionId: string, user: string): Promise<void> {
  await h.slack.clickButton({ user, channel: message.channel, messageTs: message.ts, actionId, value: '1', blockId: 'lead_answer' });
}

/** The DM as Slack shows it now. */
const now = (message: MessageRecord): MessageRecord => h.fake.message(message.channel, message.ts) ?? message;
const shown = (message: MessageRecord): string => `${now(message).text}\n${JSON.stringify(now(message).blocks)}`;
/** Every version a person could have seen, the first post included. */
const everVersion = (message: MessageRecord): string[] => [...now(message).edits.map((v) => `${v.text}\n${JSON.stringify(v.blocks)}`), shown(message)];

const dm = (userId: string, text: string): MessageRecord | undefined => h.fake.dmsTo(userId).find((m) => m.text.includes(text));
const awaitDm = (userId: string, text: string, timeoutMs = 5_000): Promise<MessageRecord> =>
  eventually(() => dm(userId, text) ?? Promise.reject(new Error(`no DM to ${userId} with "${text}"`)), timeoutMs);

const hasButtons = (message: MessageRecord): boolean => /lead\.(acknowledge|decline)/.test(JSON.stringify(now(message).blocks));

async function leadAsked(options: { leadAckTimeout?: number } = {}) {
  h = await startHarness({ prompts: { ...defaultConfig().prompts, leadAckTimeout: options.leadAckTimeout ?? 60_000 } });
  const { channelId } = await declare(h, 'Payments flaky', { severity: 'sev2', impact: 'Some card payments fail' });
  expect(await command(h, `lead <@${bob}|bob>`, alice, channelId)).toContain('you stay commander until they acknowledge');
  const briefing = await awaitDm(bob, 'asked you to lead INC-1');
  expect(hasButtons(briefing)).toBe(true);
  return { channelId, briefing };
}

describe('lead handoffs tell both people the truth', () => {
  it('acknowledged on the reminder (leadAckTimeout 6 s): the briefing, the reminder and the notice all say Bob leads, with no button left', async () => {
    const { channelId, briefing } = await leadAsked({ leadAckTimeout: 6_000 });
    const reminder = await awaitDm(bob, 'Reminder: <@U0ALICE> asked you to lead INC-1', 10_000);
    const notice = await awaitDm(alice, 'has not acknowledged the INC-1 handoff yet', 5_000);
    expect(notice.text).toContain(`<@${bob}> has not acknowledged`);
    expect(notice.text).toContain('you are still the commander');
    expect(hasButtons(notice)).toBe(false);

    await click(reminder, 'lead.acknowledge', bob);
    await eventually(async () => {
      await h.bot.settled();
      expect(now(reminder).text).toContain(`✓ You acknowledged the handoff from <@${alice}> and took over INC-1 as commander`);
      expect(now(briefing).text).toContain(`✓ You acknowledged the handoff from <@${alice}> and took over INC-1 as commander`);
      expect(now(notice).text).toContain(`✓ <@${bob}> acknowledged the INC-1 handoff and took over as commander`);
      expect(now(notice).text).toContain('you can step back');
    }, 8_000);
    for (const message of [briefing, reminder, notice]) expect(hasButtons(message)).toBe(false);
    expect(h.fake.channel(channelId)?.topic).toContain(`IC <@${bob}>`);

    // At no point did anyone read a blank name, Bob that he had not acknowledged, or Alice that she still leads.
    for (const version of [...everVersion(reminder), ...everVersion(briefing)]) {
      expect(version).not.toContain('<@>');
      expect(version).not.toContain('has not acknowledged');
      expect(version).not.toContain('still the commander');
    }
    for (const version of everVersion(notice).slice(1)) expect(version).not.toContain('still the commander');
    expect(h.fake.dmsTo(bob)).toHaveLength(2);
    expect(h.fake.dmsTo(alice)).toHaveLength(1);
  }, 40_000);

  it('declined on the briefing: Bob reads that he declined, Alice is told at once that she stays commander', async () => {
    const { channelId, briefing } = await leadAsked();
    await click(briefing, 'lead.decline', bob);
    const notice = await awaitDm(alice, `<@${bob}> declined to lead INC-1`);
    expect(notice.text).toContain('you stayed the commander. To ask someone else: `/incident lead @user`');
    await eventually(async () => {
      await h.bot.settled();
      expect(now(briefing).text).toContain(`You declined to lead INC-1`);
      expect(now(briefing).text).toContain(`<@${alice}> stayed the commander`);
      expect(JSON.stringify(h.fake.channel(channelId)?.messages[0]?.blocks)).not.toContain('waiting for acknowledgement');
    });
    expect(hasButtons(briefing)).toBe(false);
    expect(h.fake.channel(channelId)?.topic).toContain(`IC <@${alice}>`);
    expect((await h.bot.store.timeline(1)).at(-1)).toMatchObject({ kind: 'lead_handoff_declined', actorId: bob });
    // A second press (a stale client) changes nothing and says why.
    await pressStale(briefing, 'lead.decline', bob);
    await eventually(() => expect(h.fake.responsesFor(bob).at(-1)?.text).toContain('There is no lead handoff waiting for an answer.'));
    expect(h.fake.dmsTo(alice)).toHaveLength(1);
  }, 30_000);

  it('asking Carol instead closes Bob’s request in his DMs; Carol gets her own briefing; Bob can no longer take over', async () => {
    const { channelId, briefing } = await leadAsked();
    expect(await command(h, `lead <@${carol}|carol>`, alice, channelId)).toContain('you stay commander until they acknowledge');
    const carolsBriefing = await awaitDm(carol, 'asked you to lead INC-1');
    await eventually(() => expect(now(briefing).text).toContain(`Closed: <@${alice}> asked <@${carol}> to lead INC-1 instead`));
    expect(hasButtons(briefing)).toBe(false);
    expect(hasButtons(carolsBriefing)).toBe(true);
    await pressStale(briefing, 'lead.acknowledge', bob);
    await eventually(() => expect(h.fake.responsesFor(bob).at(-1)?.text).toContain(`Only <@${carol}> can acknowledge or decline this handoff.`));
    expect(await command(h, `lead <@${carol}|carol>`, alice, channelId)).toContain(`<@${carol}> has already been asked to lead this incident`);
    expect(h.fake.dmsTo(carol)).toHaveLength(1);
  }, 30_000);

  it('resolving withdraws a pending handoff: every message says so, and nobody keeps a button', async () => {
    const { channelId, briefing } = await leadAsked({ leadAckTimeout: 2_000 });
    const reminder = await awaitDm(bob, 'Reminder:', 6_000);
    const notice = await awaitDm(alice, 'has not acknowledged', 5_000);
    await resolveWithModal(h, channelId, { summary: 'PSP failover done', cause: 'Expired certificate' });
    await eventually(async () => {
      await h.bot.settled();
      for (const message of [briefing, reminder]) expect(now(message).text).toContain('INC-1 was closed as Resolved');
      for (const message of [briefing, reminder]) expect(now(message).text).toContain('before you acknowledged; the handoff was withdrawn');
      expect(now(notice).text).toContain(`before <@${bob}> acknowledged; the handoff was withdrawn and you stayed the commander`);
    }, 8_000);
    for (const message of [briefing, reminder, notice]) expect(hasButtons(message)).toBe(false);
    expect((await h.bot.store.getIncident(1))?.pendingLead).toBeNull();
  }, 30_000);
});
