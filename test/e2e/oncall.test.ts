import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config.js';
import { rotationDueIn as dueIn } from '../support/rotation-due.js';
import { eventually } from '../support/eventually.js';
import { buttonValue, command, startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.stop());

const ONCALL = 'C0ONCALL';
/** The rotation of these tests: alice hands over to bob in the on-call channel. */
const rotationDueIn = (inMs: number, remindBefore: number, ackTimeout: number) => dueIn(inMs, remindBefore, ackTimeout, ONCALL, [USERS.alice, USERS.bob]);

async function startWith(config: Partial<AppConfig>) {
  h = await startHarness(config);
  h.fake.addChannel({ id: ONCALL, name: 'oncall', members: ['U0BOT', USERS.alice, USERS.bob] });
}

const handoffPosts = () => (h.fake.channel(ONCALL)?.messages ?? []).filter((m) => m.text.includes('on-call handoff'));
const dmsContaining = (userId: string, text: string) => h.fake.dmsTo(userId).filter((m) => m.text.includes(text));

async function click(channel: string, ts: string, actionId: string, user: string): Promise<void> {
  const message = h.fake.message(channel, ts);
  await h.slack.clickButton({ user, channel, messageTs: ts, actionId, value: buttonValue(message?.blocks, actionId) });
}

describe('shift handoffs', () => {
  it('reminder DM, handoff post, acknowledgement edit and ack-timeout reminder each arrive once, across restarts', async () => {
    const { config, dueAt } = rotationDueIn(7_000, 5_000, 3_000);
    await startWith(config);

    // Before the handoff: alice gets one DM with what is open and a notes button.
    const reminder = await eventually(() => {
      const [found] = dmsContaining(USERS.alice, 'on-call shift ends');
      if (!found) throw new Error('no reminder yet');
      return found;
    }, 6_000);
    expect(Date.now()).toBeLessThan(dueAt);
    expect(reminder.text).toContain(`<@${USERS.bob}> takes over`);
    const dm = h.fake.dmChannelOf(USERS.alice) ?? '';
    const viewsBefore = h.fake.views.length;
    await click(dm, reminder.ts, 'handoff.notes', USERS.alice);
    const view = await eventually(() => h.fake.views[viewsBefore] ?? Promise.reject(new Error('no notes form')));
    const submitted = await h.slack.submitView({ user: USERS.alice, view, values: { notes: { value: { type: 'plain_text_input', value: 'Redis failover is flaky <!channel>' } } } });
    expect(submitted.body).toBe('');
    await eventually(() => expect(JSON.stringify(h.fake.message(dm, reminder.ts)?.blocks)).toContain('Handoff notes saved'));

    await h.restart();

    // At the handoff: one post "@alice → @bob" with the notes (escaped), and an Acknowledge button.
    const post = await eventually(() => {
      const [found] = handoffPosts();
      if (!found) throw new Error('no handoff post yet');
      return found;
    }, 6_000);
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
    expect(post.text).toContain(`<@${USERS.alice}> → <@${USERS.bob}>`);
    const rendered = JSON.stringify(post.blocks);
    expect(rendered).toContain('Redis failover is flaky &lt;!channel&gt;');
    expect(rendered).toContain('Alerts this shift:* 0');
    // Posted while the bot was up: on time, not marked late.
    expect(rendered).not.toContain('Late');

    // Only bob may acknowledge.
    await click(ONCALL, post.ts, 'handoff.acknowledge', USERS.alice);
    await eventually(() => expect(h.fake.responsesFor(USERS.alice).map((r) => r.text).join()).toContain(`Only <@${USERS.bob}> can acknowledge this handoff.`));

    // Unacknowledged after 3 s: bob is reminded and alice told, once each.
    await eventually(() => {
      expect(dmsContaining(USERS.bob, 'Acknowledge it there')).toHaveLength(1);
      expect(dmsContaining(USERS.alice, 'has not acknowledged')).toHaveLength(1);
    }, 6_000);

    await h.restart();
    // The restarted bot's scheduler has looked twice and its Slack effects are done: nothing was sent again.
    await h.bot.ticked(2);
    await h.bot.settled();

    await click(ONCALL, post.ts, 'handoff.acknowledge', USERS.bob);
    await eventually(() => expect(JSON.stringify(h.fake.message(ONCALL, post.ts)?.blocks)).toContain(`Acknowledged by <@${USERS.bob}>`));
    expect(JSON.stringify(h.fake.message(ONCALL, post.ts)?.blocks)).not.toContain('handoff.acknowledge');

    expect(dmsContaining(USERS.alice, 'on-call shift ends')).toHaveLength(1);
    expect(handoffPosts()).toHaveLength(1);
    expect(dmsContaining(USERS.bob, 'Acknowledge it there')).toHaveLength(1);
    expect(dmsContaining(USERS.alice, 'has not acknowledged')).toHaveLength(1);
    expect(await command(h, 'oncall')).toContain(`now <@${USERS.bob}>`);
  }, 40_000);

  it('a handoff that fell due while the bot was down is posted once after the restart, marked late even a few seconds late', async () => {
    const { config, dueAt } = rotationDueIn(3_000, 1_000, 60_000);
    await startWith(config);
    await h.restart(dueAt - Date.now() + 5_000);
    const post = await eventually(() => {
      const [found] = handoffPosts();
      if (!found) throw new Error('no handoff post yet');
      return found;
    }, 5_000);
    const recorded = await h.bot.store.lastPostedHandoff('platform');
    const lateByMs = (recorded?.postedAt?.getTime() ?? 0) - dueAt;
    expect(lateByMs).toBeGreaterThan(2_000);
    expect(lateByMs).toBeLessThan(10_000);
    expect(JSON.stringify(post.blocks)).toContain('Late: this handoff was due at');
    await h.bot.ticked(2);
    await h.bot.settled();
    expect(handoffPosts()).toHaveLength(1);
  }, 30_000);

  it('/incident handoff posts one now; /incident oncall override takes the shift; bad input changes nothing', async () => {
    const { config } = rotationDueIn(3_600_000, 60_000, 60_000);
    await startWith(config);
    expect(await command(h, 'oncall override bob 2h')).toContain('"bob" is not a Slack user');
    expect(await command(h, 'oncall override <@U0CAROL> soon')).toContain('"soon" is not a duration');
    expect(await command(h, 'oncall override <@U0CAROL> 2h')).toContain(`<@${USERS.carol}> is on call for *platform* until`);
    expect(await command(h, 'oncall')).toContain(`now <@${USERS.carol}>`);
    expect(await command(h, 'handoff platform checkout deploy is frozen')).toContain('Handoff posted');
    const post = await eventually(() => handoffPosts()[0] ?? Promise.reject(new Error('no post')));
    expect(post.text).toContain(`<@${USERS.carol}> → <@${USERS.bob}>`);
    expect(JSON.stringify(post.blocks)).toContain('checkout deploy is frozen');
    expect(await command(h, 'oncall')).toContain(`now <@${USERS.bob}>`);
  }, 30_000);
});
