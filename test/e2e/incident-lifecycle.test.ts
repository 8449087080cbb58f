import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { answersTo, CHANNELS, command, declare, resolveWithModal, startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.stop());

const cardOf = (harness: Harness, channelId: string) => {
  const channel = harness.fake.channel(channelId);
  if (!channel) throw new Error('no incident channel');
  const card = channel.messages[0];
  if (!card) throw new Error('no summary card');
  return { channel, card };
};

/** Every mrkdwn string in a block tree (the text Slack parses for mentions). */
function mrkdwnTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = record.type === 'mrkdwn' && typeof record.text === 'string' ? [record.text] : [];
  return [...own, ...Object.values(record).flatMap(mrkdwnTexts)];
}

const cardText = (harness: Harness, channelId: string): string => JSON.stringify(cardOf(harness, channelId).card.blocks);

describe('an incident from /incident to resolved', () => {
  it('declares into a readable Korean-named channel with topic, pinned card and one announcement', async () => {
    h = await startHarness();
    const { channelId, openedInMs } = await declare(h, '결제 API 502 에러', { severity: 'sev2', impact: '결제가 실패합니다' });
    expect(openedInMs).toBeLessThan(3_000);

    const { channel, card } = cardOf(h, channelId);
    expect(channel.name).toMatch(/^inc-1-/);
    expect(channel.name).toContain('결제');
    expect(channel.name).toContain('에러');
    expect(channel.members).toContain(USERS.alice);
    expect(channel.topic).toContain('SEV2');
    expect(channel.topic).toContain('Investigating');
    expect(channel.topic).toContain(`<@${USERS.alice}>`);
    expect(channel.pins).toEqual([card.ts]);
    expect(cardText(h, channelId)).toContain('INC-1 · 결제 API 502 에러');
    expect(h.fake.channel(CHANNELS.announce)?.messages).toHaveLength(1);
  });

  it('edits the same card, topic and announcement for severity, update, mitigated and resolve — no new top-level posts', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Checkout 502s', { severity: 'sev2', impact: 'Card payments fail for EU users' });
    const { card } = cardOf(h, channelId);
    expect(h.fake.channel(channelId)?.messages).toHaveLength(1);
    const announce = h.fake.channel(CHANNELS.announce)?.messages[0];

    expect(await command(h, 'severity sev1', USERS.alice, channelId)).toContain('INC-1 is now SEV1');
    expect(h.fake.channel(channelId)?.topic).toContain('SEV1');

    expect(await command(h, 'update Rolled back to v41, error rate falling', USERS.alice, channelId)).toContain('Status update posted');
    expect(cardText(h, channelId)).toContain('Rolled back to v41');
    expect(h.fake.replies(channelId, card.ts).map((m) => m.text).join('\n')).toContain('Rolled back to v41');

    expect(await command(h, 'mitigated', USERS.alice, channelId)).toContain('Mitigated');
    expect(h.fake.channel(channelId)?.topic).toContain('Mitigated');

    await resolveWithModal(h, channelId, { summary: 'Rolled back the bad deploy', cause: 'Config typo' });
    await eventually(async () => {
      await h.bot.settled();
      expect(h.fake.channel(channelId)?.topic).toContain('Resolved');
    });

    const channel = h.fake.channel(channelId);
    expect(channel?.messages).toHaveLength(1);
    expect(channel?.messages[0]?.ts).toBe(card.ts);
    expect(channel?.messages[0]?.edits.length).toBeGreaterThanOrEqual(4);
    expect(cardText(h, channelId)).toContain('Config typo');
    expect(h.fake.channel(CHANNELS.announce)?.messages).toHaveLength(1);
    expect(h.fake.channel(CHANNELS.announce)?.messages[0]?.ts).toBe(announce?.ts);
    expect(JSON.stringify(h.fake.channel(CHANNELS.announce)?.messages[0]?.blocks)).toContain('Resolved');

    const incident = await h.bot.store.getIncident(1);
    expect(incident?.status).toBe('resolved');
    expect((await h.bot.store.timeline(1)).map((e) => e.kind)).toEqual([
      'declared',
      'severity_changed',
      'status_update',
      'status_changed',
      'status_changed',
    ]);
  });

  it('works the same from the card buttons', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Search is slow', { severity: 'sev3', impact: 'Search takes 10 s' });
    const { card } = cardOf(h, channelId);
    // Bob is not in the incident channel yet: changing a public incident takes joining it (anyone may).
    await h.slack.clickButton({ user: USERS.bob, channel: channelId, messageTs: card.ts, actionId: 'incident.mitigated', value: '1' });
    await eventually(() => expect(h.fake.responsesFor(USERS.bob).at(-1)?.text).toContain(`Only people in <#${channelId}> can change INC-1`));
    expect((await h.bot.store.getIncident(1))?.status).toBe('investigating');
    h.fake.joinChannel(channelId, USERS.bob);
    await h.slack.selectOption({ user: USERS.bob, channel: channelId, messageTs: card.ts, actionId: 'incident.severity', value: 'sev1', text: 'SEV1' });
    await eventually(async () => {
      await h.bot.settled();
      expect(h.fake.channel(channelId)?.topic).toContain('SEV1');
    });
    await h.slack.clickButton({ user: USERS.bob, channel: channelId, messageTs: card.ts, actionId: 'incident.mitigated', value: '1' });
    await eventually(async () => {
      await h.bot.settled();
      expect(h.fake.channel(channelId)?.topic).toContain('Mitigated');
    });
    await h.slack.clickButton({ user: USERS.bob, channel: channelId, messageTs: card.ts, actionId: 'incident.hand_over_lead', value: '1' });
    const leadView = await eventually(() => {
      const v = h.fake.lastView();
      if (v?.callback_id !== 'incident.lead') throw new Error('lead modal not open');
      return v;
    });
    await h.slack.submitView({ user: USERS.bob, view: leadView, values: { user: { value: { type: 'users_select', selected_user: USERS.carol } } } });
    const briefing = await eventually(async () => {
      await h.bot.settled();
      const dm = h.fake.dmsTo(USERS.carol)[0];
      expect(dm?.text).toContain('asked you to lead INC-1');
      return dm;
    });
    // Until Carol acknowledges, Alice stays commander and the card says the handoff is pending.
    expect(h.fake.channel(channelId)?.topic).toContain(`<@${USERS.alice}>`);
    expect(cardText(h, channelId)).toContain(`Lead handoff to <@${USERS.carol}> waiting for acknowledgement`);
    expect(h.fake.channel(channelId)?.members).toContain(USERS.carol);

    await h.slack.clickButton({ user: USERS.bob, channel: briefing?.channel ?? '', messageTs: briefing?.ts ?? '', actionId: 'lead.acknowledge', value: '1' });
    await eventually(() => expect(h.fake.responsesFor(USERS.bob).at(-1)?.text).toContain('Only <@U0CAROL> can acknowledge'));
    await h.slack.clickButton({ user: USERS.carol, channel: briefing?.channel ?? '', messageTs: briefing?.ts ?? '', actionId: 'lead.acknowledge', value: '1' });
    await eventually(async () => {
      await h.bot.settled();
      expect(h.fake.channel(channelId)?.topic).toContain(`<@${USERS.carol}>`);
      expect(cardText(h, channelId)).not.toContain('waiting for acknowledgement');
    });
    expect(h.fake.message(briefing?.channel ?? '', briefing?.ts ?? '')?.text).toContain('You acknowledged the handoff');
    expect((await h.bot.store.timeline(1)).map((e) => e.kind)).toContain('lead_handoff_requested');
    expect(h.fake.channel(channelId)?.messages).toHaveLength(1);
  });
});

describe('bad input is answered specifically and changes nothing', () => {
  it('answers each mistake with what was wrong and the right form', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Login failures', { severity: 'sev2' });
    const updatesBefore = h.fake.callsTo('chat.update').length;
    const timelineBefore = await h.bot.store.timeline(1);

    expect(await command(h, 'frobnicate', USERS.alice, channelId)).toContain("I don't know `frobnicate`");
    // The placeholder reaches Slack escaped: unescaped, Slack would read <text> as a link and show nothing.
    expect(await command(h, 'update', USERS.alice, channelId)).toContain('`/incident update &lt;text&gt;`');
    expect(await command(h, 'resolve', USERS.alice, CHANNELS.general)).toContain('not an incident channel');
    expect(await command(h, 'decline', USERS.alice, channelId)).toContain("Can't go from Investigating to Declined");
    expect(await command(h, 'severity sev9', USERS.alice, channelId)).toContain('"sev9" is not a severity. Use one of: SEV1, SEV2, SEV3, SEV4');
    expect(await command(h, 'lead <@U0NOBODY>', USERS.alice, channelId)).toContain("can't find user <@U0NOBODY>");
    expect(await command(h, 'lead <@U0ROBOT>', USERS.alice, channelId)).toContain('is a bot');
    expect(await command(h, 'lead bob', USERS.alice, channelId)).toContain('is not a Slack user');
    expect(await command(h, 'status 99', USERS.alice, CHANNELS.general)).toContain('There is no incident INC-99');
    expect(await command(h, 'reopen still broken', USERS.alice, channelId)).toContain("Can't go from Investigating to Investigating");

    expect(h.fake.callsTo('chat.update')).toHaveLength(updatesBefore);
    expect(await h.bot.store.timeline(1)).toEqual(timelineBefore);
    expect(await h.bot.store.getIncident(1)).toMatchObject({ status: 'investigating', severity: 'sev2', commanderId: USERS.alice });
  });

  it('shows a 201-character title as an error in the modal and declares nothing', async () => {
    h = await startHarness();
    await h.slack.command('declare', { user: USERS.alice, channel: CHANNELS.general });
    const view = await eventually(() => {
      const v = h.fake.lastView();
      if (!v) throw new Error('no modal');
      return v;
    });
    const response = await h.slack.submitView({
      user: USERS.alice,
      view,
      values: { title: { value: { type: 'plain_text_input', value: 'x'.repeat(201) } }, commander: { value: { type: 'users_select', selected_user: USERS.alice } } },
    });
    expect(response.json).toEqual({ response_action: 'errors', errors: { title: 'The title is 201 characters; the limit is 200.' } });
    expect(await h.bot.store.listOpenIncidents()).toHaveLength(0);
  });

  it('refuses `/incident declare` with a 283-character title instead of opening the form with it cut to 200', async () => {
    h = await startHarness();
    const title = 'Checkout down '.repeat(21).slice(0, 283);
    expect(title).toHaveLength(283);
    expect(await command(h, `declare ${title}`)).toBe('The title is 283 characters; the limit is 200.');
    expect(h.fake.views).toHaveLength(0);
    // Within the limit, the form opens with the title as typed.
    await h.slack.command(`declare ${title.slice(0, 200)}`, { user: USERS.alice, channel: CHANNELS.general });
    const view = await eventually(() => {
      const v = h.fake.lastView();
      if (!v) throw new Error('no modal');
      return v;
    });
    expect(JSON.stringify(view.blocks)).toContain(`"initial_value":"${title.slice(0, 200)}"`);
    expect(await h.bot.store.listOpenIncidents()).toHaveLength(0);
  });

  it.each([
    ['NUL bytes', '\u0000\u0000\u0000'],
    ['zero-width spaces and a right-to-left override', '\u200B\u202E\u200B'],
    ['Hangul fillers', '\u3164\u3164'],
  ])('refuses a title of only %s in the modal, saying why, and declares nothing', async (_name, title) => {
    h = await startHarness();
    await h.slack.command('declare', { user: USERS.alice, channel: CHANNELS.general });
    const view = await eventually(() => h.fake.lastView() ?? Promise.reject(new Error('no modal')));
    const response = await h.slack.submitView({
      user: USERS.alice,
      view,
      values: { title: { value: { type: 'plain_text_input', value: title } }, commander: { value: { type: 'users_select', selected_user: USERS.alice } } },
    });
    expect(response.json).toEqual({
      response_action: 'errors',
      errors: { title: 'The title shows as nothing: it has only invisible characters (zero-width spaces, direction marks, control characters). Write something people can read.' },
    });
    expect(await h.bot.store.listOpenIncidents()).toHaveLength(0);
    expect(h.fake.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(0);
  });

  it('refuses invisible texts in commands and strips NUL bytes from visible ones', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'DB\u0000 failover', { severity: 'sev2' });
    expect((await h.bot.store.getIncident(1))?.title).toBe('DB failover');
    expect(h.fake.channel(channelId)?.name).toBe('inc-1-db-failover');
    expect(await command(h, 'note \u200B\u200D\u2060', USERS.alice, channelId)).toBe(
      'The note shows as nothing: it has only invisible characters (zero-width spaces, direction marks, control characters). Write something people can read.',
    );
    expect(await command(h, 'update \u202E', USERS.alice, channelId)).toContain('The update shows as nothing');
    expect(await command(h, 'note replica\u0000 lag 30s', USERS.alice, channelId)).toContain('Note added');
    expect((await h.bot.store.timeline(1)).map((e) => e.text)).toEqual(['DB failover', 'replica lag 30s']);
  });

  it('escapes user text so it can never ping @channel', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, '<!channel> DB down <@U0BOB>', { impact: '<!here> everyone panic' });
    // Everything Slack renders as mrkdwn (top-level text and mrkdwn objects) must be escaped; plain_text never pings.
    const messages = [...(h.fake.channel(channelId)?.messages ?? []), ...(h.fake.channel(CHANNELS.announce)?.messages ?? [])];
    const rendered = messages.flatMap((m) => [m.text ?? '', ...mrkdwnTexts(m.blocks)]).join('\n');
    expect(rendered).not.toContain('<!channel>');
    expect(rendered).not.toContain('<!here>');
    expect(rendered).not.toContain('<@U0BOB>');
    expect(rendered).toContain('&lt;!channel&gt;');
    expect(answersTo(h.fake, USERS.alice).join()).not.toContain('<!channel>');
  });

  it('lists open incidents most severe first, only to the caller', async () => {
    h = await startHarness();
    await declare(h, 'Minor glitch', { severity: 'sev3' });
    await declare(h, 'Everything down', { severity: 'sev1' });
    const list = await command(h, 'list');
    expect(list).toContain('2 open incidents');
    const blocks = JSON.stringify(h.fake.responsesFor(USERS.alice).at(-1)?.blocks);
    expect(blocks.indexOf('Everything down')).toBeLessThan(blocks.indexOf('Minor glitch'));
    expect(h.fake.responsesFor(USERS.alice).at(-1)?.responseType).toBe('ephemeral');
  });
});
