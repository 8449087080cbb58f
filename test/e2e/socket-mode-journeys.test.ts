import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { eventually } from '../support/eventually.js';
import { numberedAlert, triageReplies } from '../support/numbered-alerts.js';
import { rotationDueIn } from '../support/rotation-due.js';
import { buttonValue, CHANNELS, command, declare, resolveWithModal, startHarness, USERS, type Harness, type Transport } from './harness.js';

/**
 * The core journeys over Socket Mode: the fake's WebSocket, with Slack's latency, instead of signed HTTP requests. The
 * steps and assertions are those of the HTTP suites (incident-lifecycle, alert-triage, oncall), kept lean: here it is
 * that the transport changes nothing a person sees. With 'http' added to TRANSPORTS the same journeys run over both
 * side by side (they pass); the run leaves it out, as the HTTP suites cover these journeys already.
 */
const TRANSPORTS: readonly Transport[] = ['socket'];

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const ALERTS = 'C0ALERTS';
const ONCALL = 'C0ONCALL';
const GROUPS = 4;
const STORM = 40;

describe.each(TRANSPORTS)('core journeys over %s', (transport) => {
  it('declare → resolve: a form with a bad title is answered with its error in place, the good one declares, resolve closes it', async () => {
    const harness = (h = await startHarness({}, undefined, {}, {}, transport));
    await harness.slack.command('declare', { user: USERS.alice, channel: CHANNELS.general });
    const form = await eventually(() => harness.fake.lastView() ?? Promise.reject(new Error('no declare form')));
    const refused = await harness.slack.submitView({ user: USERS.alice, view: form, values: { title: { value: { type: 'plain_text_input', value: 'x'.repeat(201) } } } });
    expect(refused.json).toEqual({ response_action: 'errors', errors: { title: 'The title is 201 characters; the limit is 200.' } });
    expect(await harness.bot.store.listOpenIncidents()).toHaveLength(0);

    const { channelId, openedInMs } = await declare(harness, 'Checkout 502s', { severity: 'sev2' });
    expect(openedInMs).toBeLessThan(3_000);
    expect(await command(harness, 'update Rolled back to v41', USERS.alice, channelId)).toContain('Status update posted');
    await resolveWithModal(harness, channelId, { summary: 'Rolled back the bad deploy', cause: 'Config typo' });
    await eventually(async () => {
      await harness.bot.settled();
      expect(harness.fake.channel(channelId)?.topic).toContain('Resolved');
    });
    expect(await harness.bot.store.getIncidentByChannel(channelId)).toMatchObject({ status: 'resolved' });
    const card = harness.fake.channel(channelId)?.messages[0];
    expect(harness.fake.channel(channelId)?.pins).toEqual([card?.ts]);
    expect(JSON.stringify(card?.blocks)).toContain('Config typo');
    expect(harness.fake.channel(CHANNELS.announce)?.messages).toHaveLength(1);
    expect(JSON.stringify(harness.fake.channel(CHANNELS.announce)?.messages[0]?.blocks)).toContain('Resolved');
  });

  it(`an alert storm: ${STORM} alerts in ${GROUPS} groups, one redelivered, give one reply per group counting each alert once`, async () => {
    const harness = (h = await startHarness({ alertChannels: [ALERTS], triage: { ...defaultConfig().triage, replyEvery: 300 } }, undefined, {}, {}, transport));
    harness.fake.addChannel({ id: ALERTS, name: 'alerts', members: [harness.fake.botUserId] });
    const events = Array.from({ length: STORM }, (_, i) => ({ event: numberedAlert(harness.fake, ALERTS, i % GROUPS), eventId: `EvStorm${i}` }));
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let item = events[next++]; item; item = events[next++]) expect((await harness.slack.event(item.event, { eventId: item.eventId })).status).toBe(200);
      }),
    );
    const [first] = events;
    if (!first) throw new Error('no storm');
    expect((await harness.slack.event(first.event, { eventId: first.eventId, retryNum: 1, retryReason: 'timeout' })).status).toBe(200);

    await eventually(() => {
      const replies = triageReplies(harness.fake, ALERTS);
      expect(replies).toHaveLength(GROUPS);
      for (const reply of replies) expect(reply.text).toContain(`${STORM / GROUPS} alert messages`);
    }, 15_000);
    await harness.bot.settled();
    expect(triageReplies(harness.fake, ALERTS)).toHaveLength(GROUPS);
  });

  it('a handoff: posted at its time in the on-call channel; only the next person acknowledges it, once', async () => {
    const { config, dueAt } = rotationDueIn(2_000, 1_000, 60_000, ONCALL, [USERS.alice, USERS.bob]);
    const harness = (h = await startHarness(config, undefined, {}, {}, transport));
    harness.fake.addChannel({ id: ONCALL, name: 'oncall', members: [harness.fake.botUserId, USERS.alice, USERS.bob] });
    const handoffPosts = () => (harness.fake.channel(ONCALL)?.messages ?? []).filter((m) => m.text.includes('on-call handoff'));
    const post = await eventually(() => handoffPosts()[0] ?? Promise.reject(new Error('no handoff post yet')), 8_000);
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
    expect(post.text).toContain(`<@${USERS.alice}> → <@${USERS.bob}>`);

    const press = (user: string) => harness.slack.clickButton({ user, channel: ONCALL, messageTs: post.ts, actionId: 'handoff.acknowledge', value: buttonValue(post.blocks, 'handoff.acknowledge') });
    expect((await press(USERS.alice)).status).toBe(200);
    await eventually(() => expect(harness.fake.responsesFor(USERS.alice).map((r) => r.text).join()).toContain(`Only <@${USERS.bob}> can acknowledge this handoff.`));
    expect((await press(USERS.bob)).status).toBe(200);
    await eventually(() => expect(JSON.stringify(harness.fake.message(ONCALL, post.ts)?.blocks)).toContain(`Acknowledged by <@${USERS.bob}>`));
    await harness.bot.settled();
    expect(handoffPosts()).toHaveLength(1);
    expect(await command(harness, 'oncall')).toContain(`now <@${USERS.bob}>`);
  });
});
