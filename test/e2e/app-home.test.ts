/**
 * The App Home, end to end: four people with different roles in public and private incidents, a lead handoff, a
 * shift handoff and follow-ups; each Home shows exactly what its person may see, buttons on a Home answer handoffs
 * like the DMs do, 120 open incidents fit Slack's limits, and a burst of changes publishes each Home only a few times.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config.js';
import { HOME_PUBLISH_EVERY_MS } from '../../src/app/home/home-audience.js';
import type { Incident } from '../../src/domain/incident.js';
import { eventually } from '../support/eventually.js';
import { command, declare, startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.stop());

const { alice, bob, carol } = USERS;
const dan = 'U0DAN';
const ONCALL = 'C0ONCALL';
const PRIVATE_TITLE = 'Payroll export leaks salaries';

/** A rotation of carol then dan whose scheduled handoffs are far away: only `/incident handoff` moves it. */
function rotationConfig(): Partial<AppConfig> {
  const start = new Date(Date.now() - 60_000).toISOString().slice(0, 16);
  return { oncall: { rotations: [{ name: 'platform', channel: ONCALL, timezone: 'UTC', members: [carol, dan], start, handoffCron: '0 0 1 1 *', remindBefore: 0, ackTimeout: 3_600_000 }] } };
}

async function start(): Promise<void> {
  h = await startHarness(rotationConfig());
  h.fake.addUser({ id: dan, name: 'dan' });
  h.fake.addChannel({ id: ONCALL, name: 'oncall', members: ['U0BOT', alice, bob, carol, dan] });
}

/** Every text a person reads on their Home, in order. */
function homeText(user: string): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(h.fake.home(user)?.blocks ?? []);
  return texts.join('\n');
}

const refsOn = (user: string): number[] => [...new Set([...homeText(user).matchAll(/INC-(\d+)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
const buttonsOn = (user: string): string[] => [...JSON.stringify(h.fake.home(user)?.blocks ?? []).matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1] ?? '');
const publishesTo = (user: string): number => h.fake.callsTo('views.publish').filter((c) => c.args.user_id === user && c.answer === 'ok').length;

async function settledHomes(check: () => void, timeoutMs = 10_000): Promise<void> {
  await eventually(async () => {
    await h.bot.settled();
    check();
  }, timeoutMs);
}

describe('the App Home', () => {
  it('four people, public and private incidents, handoffs and follow-ups: each Home shows exactly what its person may see; buttons on it answer the handoffs', async () => {
    await start();
    // Nobody has opened the Home yet: Slack shows the empty state once each does.
    for (const user of [alice, bob, carol, dan]) await h.slack.openHome(user);
    await settledHomes(() => {
      for (const user of [alice, bob, carol, dan]) expect(homeText(user)).toContain('Nothing needs you right now.');
    });
    expect(homeText(dan)).toContain('`/incident declare [title]`');

    // Alice leads a public and a private incident, asks Bob to take the public one, and gives follow-ups to Dan (public)
    // and to Bob (private: he is not in its channel). Carol leads another public one and hands her shift to Dan.
    const { channelId: checkout } = await declare(h, 'Checkout is down', { severity: 'sev1', impact: 'Card payments fail' });
    const { channelId: payroll } = await declare(h, PRIVATE_TITLE, { severity: 'sev2', impact: 'Internal only', private: true });
    await declare(h, 'Search is slow', { user: carol, severity: 'sev3', impact: 'Slow results' });
    expect(await command(h, `lead <@${bob}|bob>`, alice, checkout)).toContain('you stay commander until they acknowledge');
    await command(h, `followup write the checkout runbook <@${dan}|dan>`, alice, checkout);
    await command(h, `followup rotate the export keys <@${bob}|bob>`, alice, payroll);
    await command(h, 'handoff', carol, ONCALL);
    expect(h.fake.channel(payroll)?.members).not.toContain(bob);

    await settledHomes(() => {
      expect(refsOn(alice)).toEqual([1, 2, 3]);
      expect(refsOn(bob)).toEqual([1, 3]);
      expect(refsOn(carol)).toEqual([1, 3]);
      expect(refsOn(dan)).toEqual([1, 3]);
      expect(buttonsOn(bob)).toEqual(['lead.acknowledge', 'lead.decline']);
      // Carol's shift ended while she leads INC-3: Dan is asked to lead it too (and to acknowledge the shift).
      expect(buttonsOn(dan)).toEqual(['lead.acknowledge', 'lead.decline', 'handoff.acknowledge']);
    });
    // Nobody outside the private channel reads its title, its number or its follow-up.
    for (const user of [bob, carol, dan]) {
      expect(homeText(user)).not.toContain(PRIVATE_TITLE);
      expect(homeText(user)).not.toContain('export keys');
    }
    const alices = homeText(alice);
    expect(alices).toMatch(/Your incidents[\s\S]*INC-1\* · Checkout is down — _you lead_[\s\S]*INC-2\* · Payroll export leaks salaries — _you lead_[\s\S]*Other open incidents[\s\S]*INC-3/);
    const bobs = homeText(bob);
    expect(bobs).toMatch(/Waiting for you[\s\S]*INC-1\* · Checkout is down\n<@U0ALICE> asked you to lead it[\s\S]*Other open incidents[\s\S]*INC-3/);
    expect(homeText(carol)).toMatch(/Your incidents[\s\S]*INC-3\* · Search is slow — _you lead_[\s\S]*Other open incidents[\s\S]*INC-1/);
    const dans = homeText(dan);
    expect(dans).toMatch(/Waiting for you[\s\S]*INC-3\* · Search is slow\n<@U0CAROL> asked you to lead it[\s\S]*<@U0CAROL> handed you the \*platform\* on-call shift[\s\S]*Other open incidents[\s\S]*Your follow-ups[\s\S]*write the checkout runbook — \*INC-1\*[\s\S]*On call[\s\S]*now <@U0DAN>/);
    for (const user of [alice, bob, carol, dan]) expect(homeText(user)).not.toContain('Nothing needs you right now.');
    // The command a long list of follow-ups points to lists the same ones, as privately.
    expect(await command(h, 'followups', dan)).toBe('1 open follow-up of yours');
    expect(JSON.stringify(h.fake.responsesFor(dan).at(-1)?.blocks)).toContain('write the checkout runbook');
    expect(await command(h, 'followups', bob)).toBe('You have no open follow-ups. 🎉');

    // A press on someone else's Home is not theirs: Carol cannot take Bob's handoff, and is told so in a modal.
    await h.slack.clickHomeButton({ user: carol, homeOf: bob, actionId: 'lead.acknowledge', value: '1' });
    const refusal = await eventually(() => h.fake.views.find((v) => v.callback_id === 'home.notice' && v.userId === carol) ?? Promise.reject(new Error('no notice')));
    expect(JSON.stringify(refusal.blocks)).toContain("I don't recognise that button");
    expect((await h.bot.store.getIncident(1))?.pendingLead?.userId).toBe(bob);

    // Bob acknowledges on his Home: he leads, the card and the topic say so, his briefing DM is brought up to date.
    const briefing = h.fake.dmsTo(bob).find((m) => m.text.includes('asked you to lead INC-1'));
    await h.slack.clickHomeButton({ user: bob, actionId: 'lead.acknowledge', value: '1' });
    const refs = await h.bot.store.viewRefs(1);
    await settledHomes(() => {
      expect(h.fake.message(checkout, refs?.cardTs ?? '')?.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ fields: expect.arrayContaining([{ type: 'mrkdwn', text: `*Commander*\n<@${bob}>` }]) })]));
      expect(h.fake.message(briefing?.channel ?? '', briefing?.ts ?? '')?.text).toContain(`✓ You acknowledged the handoff from <@${alice}> and took over INC-1`);
      expect(buttonsOn(bob)).toEqual([]);
      expect(homeText(bob)).toMatch(/Your incidents[\s\S]*INC-1\* · Checkout is down — _you lead_/);
      expect(homeText(alice)).toMatch(/INC-1\* · Checkout is down — _you respond_/);
    });
    expect(h.fake.channel(checkout)?.topic).toContain(`IC <@${bob}>`);

    // Dan acknowledges his shift on his Home: the handoff post says so and the button is gone.
    await h.slack.clickHomeButton({ user: dan, actionId: 'handoff.acknowledge' });
    await settledHomes(() => {
      const post = h.fake.messages(ONCALL).find((m) => m.text.includes('on-call handoff'));
      expect(JSON.stringify(post?.blocks)).toContain(`✓ Acknowledged by <@${dan}>`);
      expect(buttonsOn(dan)).toEqual(['lead.acknowledge', 'lead.decline']);
    });
    expect(h.fake.callsTo('views.publish').filter((c) => c.answer !== 'ok')).toEqual([]);
  }, 90_000);

  it('120 open incidents stay within 100 blocks; the lists end with "and N more" counting only what the reader may see', async () => {
    await start();
    const now = new Date();
    const incident = (number: number, isPrivate: boolean): Incident => ({
      number,
      title: `${isPrivate ? 'Secret' : 'Public'} problem ${number} ${'with a long description '.repeat(5)}`,
      impact: '',
      severity: number % 2 === 0 ? 'sev2' : 'sev3',
      status: 'investigating',
      commanderId: isPrivate ? carol : alice,
      pendingLead: null,
      declaredBy: isPrivate ? carol : alice,
      responders: [isPrivate ? carol : alice],
      isPrivate,
      origin: 'manual',
      channelId: null,
      milestones: { impactStartedAt: null, detectedAt: null, declaredAt: now, acknowledgedAt: null, mitigatedAt: null, resolvedAt: null },
      lastUpdate: null,
      resolutionSummary: null,
      cause: null,
    });
    // Written straight into the record: declaring 120 through Slack would spend minutes on channel creation alone.
    for (let n = 1; n <= 120; n += 1) await h.bot.store.insertIncident(incident(n, n > 100), now);
    for (const user of [alice, carol, dan]) await h.slack.openHome(user);
    await settledHomes(() => {
      for (const user of [alice, carol, dan]) expect(h.fake.home(user)).toBeDefined();
    });
    for (const user of [alice, carol, dan]) expect(h.fake.home(user)?.blocks.length).toBeLessThanOrEqual(100);
    expect(homeText(dan)).toContain('…and 85 more: `/incident list`');
    expect(homeText(dan)).not.toContain('Secret');
    expect(homeText(alice)).toMatch(/Your incidents[\s\S]*…and 90 more: `\/incident list`/);
    expect(homeText(alice)).not.toContain('Other open incidents');
    expect(homeText(carol)).toMatch(/Your incidents[\s\S]*…and 10 more: `\/incident list`[\s\S]*Other open incidents[\s\S]*…and 85 more/);
    expect(h.fake.callsTo('views.publish').map((c) => c.answer)).toEqual(['ok', 'ok', 'ok']);
  }, 60_000);

  it('fifty changes to one incident in ten seconds publish each Home a few times, the last one showing the last change, and Slack never answers 429', async () => {
    await start();
    const { channelId } = await declare(h, 'Checkout is down', { severity: 'sev2', impact: 'Card payments fail' });
    for (const user of [alice, bob, carol, dan]) await h.slack.openHome(user);
    await settledHomes(() => {
      for (const user of [alice, bob, carol, dan]) expect(homeText(user)).toContain('SEV2 · Investigating');
    });
    const before = new Map([alice, bob, carol, dan].map((user) => [user, publishesTo(user)]));

    // Severity flips between SEV1 and SEV2, a change every 200 ms: the pace of the scenario, not a wait for the bot.
    const started = Date.now();
    for (let i = 0; i < 50; i += 1) {
      const response = await h.slack.command(`severity ${i % 2 === 0 ? 'sev1' : 'sev2'}`, { user: alice, channel: channelId });
      expect(response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (i + 1) * 200 - Date.now())));
    }
    // The fiftieth change sets SEV2: every Home ends showing it once the changes are applied.
    const changes = await eventually(async () => {
      const found = (await h.bot.store.timeline(1)).filter((e) => e.kind === 'severity_changed');
      expect(found).toHaveLength(50);
      return found;
    }, 20_000);
    await settledHomes(() => {
      for (const user of [alice, bob, carol, dan]) expect(homeText(user)).toContain('SEV2 · Investigating');
    }, 60_000);

    // At most one publish per person every HOME_PUBLISH_EVERY_MS while the changes last, and one after the last.
    const spanMs = (changes.at(-1)?.occurredAt.getTime() ?? 0) - (changes[0]?.occurredAt.getTime() ?? 0);
    const counts = Object.fromEntries([alice, bob, carol, dan].map((user) => [user, publishesTo(user) - (before.get(user) ?? 0)]));
    console.info(`views.publish per person for 50 changes in ${(spanMs / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
    for (const count of Object.values(counts)) {
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(Math.floor(spanMs / HOME_PUBLISH_EVERY_MS) + 2);
    }
    expect(h.fake.calls.filter((c) => c.answer === 'ratelimited').map((c) => c.method)).toEqual([]);
  }, 120_000);
});
