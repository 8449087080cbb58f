import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { eventually } from '../support/eventually.js';
import { answersTo, buttonValue, CHANNELS, command, declare, startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.stop());

const DAVE = 'U0DAVE';
const RANDOM = 'C0RANDOM';

/** Alice declares a private incident; Dave, in #random with her, is not in its channel. */
async function privateIncident(): Promise<string> {
  h = await startHarness();
  h.fake.addUser({ id: DAVE, name: 'dave' });
  h.fake.addChannel({ id: RANDOM, name: 'random', members: ['U0BOT', USERS.alice, DAVE] });
  const { channelId } = await declare(h, 'Card numbers in the logs', { severity: 'sev1', private: true });
  expect(h.fake.channel(channelId)).toMatchObject({ isPrivate: true, members: ['U0BOT', USERS.alice] });
  return channelId;
}

const FORM = 'application/x-www-form-urlencoded';
const interaction = (payload: object): string => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

describe('a private incident, seen from outside its channel', () => {
  it('does not exist for Dave: every subcommand answers as for a number that does not exist, and nothing changes', async () => {
    const channelId = await privateIncident();
    const timeline = await h.bot.store.timeline(1);
    const incident = await h.bot.store.getIncident(1);
    const viewsBefore = h.fake.views.length;
    const missing = await command(h, 'status 99', DAVE, RANDOM);
    expect(missing).toContain('There is no incident INC-99');

    for (const subcommand of [
      'status 1',
      'update 1 all good now',
      'note 1 peeking',
      'severity 1 sev4',
      'mitigated 1',
      'followup 1 look around',
      'postmortem 1',
      'resolve 1 nothing to see',
      'reopen 1 because',
      'decline 1',
      `lead 1 <@${DAVE}|dave>`,
      'status INC-1',
    ]) {
      expect(await command(h, subcommand, DAVE, RANDOM), subcommand).toBe(missing.replace('INC-99', 'INC-1'));
    }
    expect(await command(h, 'list', DAVE, RANDOM)).not.toContain('INC-1');
    expect(JSON.stringify(h.fake.responsesFor(DAVE).at(-1)?.blocks)).not.toContain('Card numbers');
    expect(await command(h, 'stats', DAVE, RANDOM)).toContain('No incidents were declared');
    expect(await command(h, 'stats', USERS.alice, RANDOM)).toContain('1 incident');

    await h.bot.settled();
    expect(await h.bot.store.timeline(1)).toEqual(timeline);
    expect(await h.bot.store.getIncident(1)).toEqual(incident);
    expect(h.fake.views.length).toBe(viewsBefore);
    expect(h.fake.channel(channelId)?.members).not.toContain(DAVE);
    expect(h.fake.dmsTo(DAVE)).toHaveLength(0);
  });

  it('is open to its members from anywhere; a member bringing someone in is what lets them in', async () => {
    const channelId = await privateIncident();
    expect(await command(h, 'list', USERS.alice, RANDOM)).toContain('1 open incident');
    expect(await command(h, 'note 1 rotating the keys', USERS.alice, RANDOM)).toContain('Note added to the INC-1 timeline');
    expect(await command(h, 'status 1', USERS.bob)).toContain('There is no incident INC-1');

    expect(await command(h, `lead 1 <@${USERS.bob}|bob>`, USERS.alice, RANDOM)).toContain('you stay commander until they acknowledge');
    await eventually(async () => {
      await h.bot.settled();
      expect(h.fake.channel(channelId)?.members).toContain(USERS.bob);
      expect(h.fake.dmsTo(USERS.bob)).toHaveLength(1);
    });
    await command(h, 'status 1', USERS.bob);
    expect(JSON.stringify(h.fake.responsesFor(USERS.bob).at(-1)?.blocks)).toContain('Card numbers in the logs');
    expect(await command(h, 'update 1 keys rotated', USERS.bob, RANDOM)).toContain('Status update posted on INC-1');
  });

  it('is named nowhere in the alert channel it was declared from', async () => {
    h = await startHarness({ alertChannels: ['C0ALERTS'] });
    h.fake.addChannel({ id: 'C0ALERTS', name: 'alerts', members: ['U0BOT', USERS.alice, USERS.bob] });
    const ts = h.fake.postMessage('C0ALERTS', { user: USERS.bob, text: '502 errors spiking on checkout!!' });
    await h.slack.event({ type: 'message', channel: 'C0ALERTS', ts, event_ts: ts, user: USERS.bob, text: '502 errors spiking on checkout!!' });
    const reply = await eventually(() => {
      const found = h.fake.replies('C0ALERTS', ts).find((m) => m.user === 'U0BOT');
      if (!found) throw new Error('no triage reply');
      return found;
    });
    await h.slack.clickButton({ user: USERS.alice, channel: 'C0ALERTS', messageTs: reply.ts, actionId: 'triage.declare', value: buttonValue(reply.blocks, 'triage.declare') });
    const view = await eventually(() => {
      const v = h.fake.lastView();
      if (v?.callback_id !== 'incident.declare') throw new Error('no declare form');
      return v;
    });
    const submitted = await h.slack.submitView({
      user: USERS.alice,
      view,
      values: { private: { value: { type: 'checkboxes', selected_options: [{ text: { type: 'plain_text', text: 'Private' }, value: 'private' }] } } },
    });
    expect(submitted.body).toBe('');
    await eventually(async () => {
      await h.bot.settled();
      const text = JSON.stringify(h.fake.message('C0ALERTS', reply.ts)?.blocks);
      expect(text).toContain('Declared as a private incident');
      expect(text).not.toContain('INC-1');
      expect(text).not.toContain('triage.declare');
    });
    expect(await h.bot.store.getIncident(1)).toMatchObject({ isPrivate: true, origin: 'alert' });
  });
});

describe('a public incident', () => {
  it('is read by anyone; changing it takes joining its channel', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Search is slow', { severity: 'sev3' });
    await command(h, 'status 1', USERS.carol);
    expect(JSON.stringify(h.fake.responsesFor(USERS.carol).at(-1)?.blocks)).toContain('Search is slow');
    expect(await command(h, 'resolve 1 fixed', USERS.carol)).toBe(
      `Only people in <#${channelId}> can change INC-1. Anyone can join it: join, then try again. (Reading it needs no membership: \`/incident status 1\`.)`,
    );
    expect(h.fake.views.filter((v) => v.callback_id === 'incident.resolve')).toHaveLength(0);
    h.fake.joinChannel(channelId, USERS.carol);
    expect(await command(h, 'note 1 looking at the index', USERS.carol)).toContain('Note added');
  });
});

describe('when Slack cannot say who is in the channel', () => {
  it('refuses a member removed from a private incident while conversations.members answers 429, once the 30 s "yes" has run out', async () => {
    let offsetMs = 0;
    h = await startHarness({}, undefined, { clock: { now: () => new Date(Date.now() + offsetMs) } });
    h.fake.addUser({ id: DAVE, name: 'dave' });
    h.fake.addChannel({ id: RANDOM, name: 'random', members: ['U0BOT', USERS.alice, DAVE] });
    const { channelId } = await declare(h, 'Card numbers in the logs', { severity: 'sev1', private: true });
    h.fake.joinChannel(channelId, DAVE);
    expect(await command(h, 'note 1 checking the log shippers', DAVE, RANDOM)).toContain('Note added to the INC-1 timeline');

    // Dave leaves the incident; anyone can make Slack rate-limit conversations.members (a "no" is always asked again).
    h.fake.leaveChannel(channelId, DAVE);
    h.fake.rateLimit('conversations.members', 1_000, 60);
    offsetMs = 31_000;
    const cannotTell = "Can't check your access to INC-1 right now (Slack is not answering who is in it); try again in a minute.";
    expect(await command(h, 'status 1', DAVE, RANDOM)).toBe(cannotTell);
    expect(await command(h, 'note 1 still here?', DAVE, RANDOM)).toBe(cannotTell);
    expect(await command(h, 'list', DAVE, RANDOM)).not.toContain('INC-1');
    expect(JSON.stringify(h.fake.responsesFor(DAVE).slice(-3))).not.toContain('Card numbers');
    expect((await h.bot.store.timeline(1)).filter((e) => e.kind === 'note').map((e) => e.text)).toEqual(['checking the log shippers']);
  });

  it('does not explain an alert of a private alert channel to someone outside it, even with its link', async () => {
    const SECRET_ALERTS = 'G0SECALERTS';
    h = await startHarness({ alertChannels: [SECRET_ALERTS] });
    h.fake.addUser({ id: DAVE, name: 'dave' });
    h.fake.addChannel({ id: RANDOM, name: 'random', members: ['U0BOT', USERS.alice, DAVE] });
    h.fake.addChannel({ id: SECRET_ALERTS, name: 'security-alerts', isPrivate: true, members: ['U0BOT', USERS.alice] });
    const text = 'Login 500 errors: vault token s.f4k3t0k3n rejected';
    const ts = h.fake.postMessage(SECRET_ALERTS, { user: USERS.alice, text });
    await h.slack.event({ type: 'message', channel: SECRET_ALERTS, ts, event_ts: ts, user: USERS.alice, text });
    await eventually(async () => expect(await h.bot.store.alertByMessage(SECRET_ALERTS, ts)).toBeDefined());
    const link = `<https://acme.slack.com/archives/${SECRET_ALERTS}/p${ts.replace('.', '')}>`;
    const missing = `<https://acme.slack.com/archives/${SECRET_ALERTS}/p1700000000000001>`;

    expect(await command(h, `triage explain ${link}`, DAVE, RANDOM)).toBe(await command(h, `triage explain ${missing}`, DAVE, RANDOM));
    expect(JSON.stringify(h.fake.responsesFor(DAVE))).not.toContain('f4k3t0k3n');
    await command(h, `triage explain ${link}`, USERS.alice, RANDOM);
    expect(JSON.stringify(h.fake.responsesFor(USERS.alice).at(-1)?.blocks)).toContain('Parsed as');
  });
});

describe('joining a public incident in one click', () => {
  it('"I\'ll lead" from outside its channel: the bot invites the presser and makes them commander', async () => {
    // A declare rule opens the incident on its own, with nobody leading: its setup prompt asks who will.
    h = await startHarness({ alertChannels: ['C0ALERTS'], triage: { ...defaultConfig().triage, rules: [{ match: { text: '(?i)checkout' }, action: 'declare', severity: 'sev1' }] } });
    h.fake.addChannel({ id: 'C0ALERTS', name: 'alerts', members: ['U0BOT', USERS.carol] });
    const ts = h.fake.postMessage('C0ALERTS', { user: USERS.bob, text: 'checkout is throwing 502s' });
    await h.slack.event({ type: 'message', channel: 'C0ALERTS', ts, event_ts: ts, user: USERS.bob, text: 'checkout is throwing 502s' });
    const { channelId, setup } = await eventually(async () => {
      const incident = await h.bot.store.getIncident(1);
      const prompt = h.fake.messages(incident?.channelId ?? '').find((m) => JSON.stringify(m.blocks).includes('prompt.answer:lead_self'));
      if (!incident?.channelId || !prompt) throw new Error('no setup prompt asking who leads yet');
      return { channelId: incident.channelId, setup: prompt };
    }, 10_000);
    expect(h.fake.channel(channelId)?.members).not.toContain(USERS.carol);

    await h.slack.clickButton({ user: USERS.carol, channel: channelId, messageTs: setup.ts, actionId: 'prompt.answer:lead_self', value: buttonValue(setup.blocks, 'prompt.answer:lead_self') });
    await eventually(async () => {
      expect((await h.bot.store.getIncident(1))?.commanderId).toBe(USERS.carol);
      expect(h.fake.channel(channelId)?.members).toContain(USERS.carol);
    });
    expect(h.fake.responsesFor(USERS.carol).map((r) => r.text ?? '').join(' ')).not.toContain('Only people in');
  });

  it('a refusal to a non-member carries a Join button: pressed, the bot invites them, and the change goes through', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Search is slow', { severity: 'sev3' });
    const channelName = h.fake.channel(channelId)?.name ?? '';
    expect(await command(h, 'note 1 looking at the index', USERS.carol)).toContain(`Only people in <#${channelId}> can change INC-1.`);
    const refusal = h.fake.responsesFor(USERS.carol).at(-1);
    expect(JSON.stringify(refusal?.blocks)).toContain(`Join #${channelName}`);
    await h.slack.clickButton({ user: USERS.carol, channel: CHANNELS.general, messageTs: '1700000000.000001', ephemeral: true, actionId: 'incident.join', value: buttonValue(refusal?.blocks, 'incident.join') });
    await eventually(() => expect(h.fake.responsesFor(USERS.carol).at(-1)?.text).toBe(`✅ You're in <#${channelId}> now. Try again.`));
    expect(h.fake.channel(channelId)?.members).toContain(USERS.carol);
    expect(await command(h, 'note 1 looking at the index', USERS.carol)).toContain('Note added to the INC-1 timeline');
  });
});

describe('buttons and forms the bot did not make', () => {
  it('refuses a form the bot never opened, one opened for someone else, and one of another kind', async () => {
    const channelId = await privateIncident();
    // A submission with metadata it chose (the shape forms had before tokens): never opened by the bot.
    const forged = await h.slack.post(
      interaction({
        type: 'view_submission',
        user: { id: DAVE },
        trigger_id: 'T1',
        view: {
          id: 'V0FORGED',
          callback_id: 'incident.resolve',
          private_metadata: JSON.stringify({ incident: 1 }),
          state: { values: { summary: { value: { type: 'plain_text_input', value: 'fixed' } } } },
        },
      }),
      FORM,
    );
    expect(forged.json).toMatchObject({ response_action: 'errors', errors: { summary: expect.stringContaining('I did not open this form for you') } });

    // Alice's own resolve form, submitted by Dave.
    await h.slack.command('resolve', { user: USERS.alice, channel: channelId });
    const alicesForm = await eventually(() => {
      const v = h.fake.lastView();
      if (v?.callback_id !== 'incident.resolve') throw new Error('no resolve form');
      return v;
    });
    const asDave = await h.slack.submitView({ user: DAVE, view: alicesForm, values: { summary: { value: { type: 'plain_text_input', value: 'fixed' } } } });
    expect(asDave.json).toMatchObject({ response_action: 'errors' });

    // Its token under another form's name (an update), by Alice herself.
    const renamed = await h.slack.post(
      interaction({
        type: 'view_submission',
        user: { id: USERS.alice },
        trigger_id: 'T2',
        view: { id: alicesForm.id, callback_id: 'incident.update', private_metadata: alicesForm.private_metadata, state: { values: { text: { value: { type: 'plain_text_input', value: 'hi' } } } } },
      }),
      FORM,
    );
    expect(renamed.json).toMatchObject({ response_action: 'errors' });
    await h.bot.settled();
    expect(await h.bot.store.getIncident(1)).toMatchObject({ status: 'investigating', lastUpdate: null });

    // The form, as opened, still works for Alice.
    const ok = await h.slack.submitView({ user: USERS.alice, view: alicesForm, values: { summary: { value: { type: 'plain_text_input', value: 'rotated the keys' } } } });
    expect(ok.body).toBe('');
    await eventually(async () => expect((await h.bot.store.getIncident(1))?.status).toBe('resolved'));
  });

  it('refuses a press on a message the bot did not post, or whose value names another incident', async () => {
    h = await startHarness();
    const first = await declare(h, 'Search is slow', { severity: 'sev3' });
    const second = await declare(h, 'Checkout is slow', { severity: 'sev3' });
    // Someone posts their own message carrying the card's button.
    const lookalike = h.fake.postMessage(first.channelId, {
      user: USERS.alice,
      text: 'not the card',
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'incident.mitigated', text: { type: 'plain_text', text: 'Mitigated' }, value: '1' }] }],
    });
    await h.slack.clickButton({ user: USERS.alice, channel: first.channelId, messageTs: lookalike, actionId: 'incident.mitigated', value: '1' });
    await eventually(() => expect(answersTo(h.fake, USERS.alice).at(-1)).toContain("I don't recognise that button"));

    // The second incident's card, with a value naming the first.
    const card = h.fake.messages(second.channelId)[0];
    await h.slack.clickButton({ user: USERS.alice, channel: second.channelId, messageTs: card?.ts ?? '', actionId: 'incident.mitigated', value: '1' });
    await eventually(() => expect(answersTo(h.fake, USERS.alice).filter((a) => a.includes("I don't recognise that button"))).toHaveLength(2));
    await h.bot.settled();
    expect((await h.bot.store.listOpenIncidents()).map((i) => i.status)).toEqual(['investigating', 'investigating']);

    // The real card, pressed as Slack sends it, works.
    await h.slack.clickButton({ user: USERS.alice, channel: second.channelId, messageTs: card?.ts ?? '', actionId: 'incident.mitigated', value: '2' });
    await eventually(async () => expect((await h.bot.store.getIncident(2))?.status).toBe('mitigated'));
  });
});
