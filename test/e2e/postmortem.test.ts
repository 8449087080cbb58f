import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import type { MessageRecord } from '../fake-slack/server.js';
import { buttonValue, command, resolveWithModal, startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.stop());

const ALERTS = 'C0ALERTS';

interface Block {
  type: string;
  text?: { text: string };
  elements?: Array<{ text: string }>;
}

/** The lines under each header of a posted draft, as a person reads them. */
function sectionsOf(messages: readonly MessageRecord[]): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current = '';
  for (const message of messages) {
    for (const block of (message.blocks ?? []) as Block[]) {
      if (block.type === 'header') current = (block.text?.text ?? '').replace(/ \(continued\)$/, '');
      else if (block.type === 'section') sections.set(current, [...(sections.get(current) ?? []), ...(block.text?.text ?? '').split('\n')]);
    }
  }
  return sections;
}

const draftMessages = (channelId: string, cardTs: string, version: number): MessageRecord[] =>
  h.fake.replies(channelId, cardTs).filter((m) => m.user === 'U0BOT' && m.text.includes(`postmortem draft v${version} (`));

/** `https://fake.slack.test/archives/C…/p1763870000000100?thread_ts=…` → the message it names, if it exists. */
function linkedMessage(line: string): MessageRecord | undefined {
  const link = /^• <https:\/\/fake\.slack\.test\/archives\/([A-Z0-9]+)\/p(\d{10})(\d{6})(?:\?thread_ts=[\d.]+&cid=[A-Z0-9]+)?\|\d{4}-\d{2}-\d{2} \d{2}:\d{2} \+09:00> · /.exec(line);
  return link ? h.fake.message(link[1] ?? '', `${link[2]}.${link[3]}`) : undefined;
}

async function declareFromAlert(): Promise<{ channelId: string; cardTs: string; alertTs: string }> {
  const alertTs = h.fake.postMessage(ALERTS, { user: USERS.bob, text: '502 errors spiking on checkout!!' });
  await h.slack.event({ type: 'message', channel: ALERTS, ts: alertTs, event_ts: alertTs, user: USERS.bob, text: '502 errors spiking on checkout!!' });
  const reply = await eventually(() => {
    const found = h.fake.replies(ALERTS, alertTs).find((m) => m.user === 'U0BOT');
    if (!found) throw new Error('no triage reply yet');
    return found;
  });
  await h.slack.clickButton({ user: USERS.alice, channel: ALERTS, messageTs: reply.ts, actionId: 'triage.declare', value: buttonValue(reply.blocks, 'triage.declare') });
  const view = await eventually(() => {
    const v = h.fake.lastView();
    if (v?.callback_id !== 'incident.declare') throw new Error('declare modal not open');
    return v;
  });
  await h.slack.submitView({ user: USERS.alice, view, values: {
      title: { value: { type: 'plain_text_input', value: 'Checkout 502s' } },
      severity: { value: { type: 'static_select', selected_option: { text: 'SEV2', value: 'sev2' } } },
    },
  });
  const channelId = await eventually(async () => {
    await h.bot.settled();
    const [incident] = await h.bot.store.listOpenIncidents();
    if (!incident?.channelId || !h.fake.channel(incident.channelId)?.pins.length) throw new Error('no incident channel yet');
    return incident.channelId;
  }, 5_000);
  const cardTs = h.fake.channel(channelId)?.messages[0]?.ts ?? '';
  return { channelId, cardTs, alertTs };
}

describe('the postmortem draft in the thread of the summary card', () => {
  it('resolving posts the draft with a permalink on every timeline line; /incident postmortem posts version 2, superseding 1', async () => {
    h = await startHarness({ alertChannels: [ALERTS], timezone: 'Asia/Seoul' });
    h.fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT', USERS.bob] });
    const { channelId, cardTs, alertTs } = await declareFromAlert();

    expect(await command(h, 'severity sev1', USERS.alice, channelId)).toContain('INC-1 is now SEV1');
    h.fake.joinChannel(channelId, USERS.bob);
    expect(await command(h, 'note Gateway answers 502 for EU cards', USERS.bob, channelId)).toContain('Note added');
    // The fake mints ts from whole seconds plus a counter; this message carries its real time, as Slack's would.
    const graph = h.fake.postMessage(channelId, { user: USERS.bob, text: 'Error graph: the spike starts at deploy v42', ts: (Date.now() / 1000).toFixed(6) });
    await h.slack.event({ type: 'pin_added', user: USERS.bob, channel_id: channelId, item: { type: 'message', channel: channelId, message: { ts: graph, text: 'Error graph: the spike starts at deploy v42', user: USERS.bob } }, event_ts: graph });
    expect(await command(h, 'update Rolled back to v41, errors falling', USERS.alice, channelId)).toContain('Status update posted');
    expect(await command(h, 'mitigated', USERS.alice, channelId)).toContain('Mitigated');
    await eventually(async () => expect((await h.bot.store.timeline(1)).some((e) => e.kind === 'pinned_message')).toBe(true));

    // The note, severity and status changes each got one line in the card's thread.
    const thread = h.fake.replies(channelId, cardTs).map((m) => m.text);
    expect(thread).toContain(`<@${USERS.bob}> · Note: Gateway answers 502 for EU cards`);
    expect(thread).toContain(`<@${USERS.alice}> · Severity SEV2 → SEV1`);
    expect(thread).toContain(`<@${USERS.alice}> · Status Investigating → Mitigated`);

    await resolveWithModal(h, channelId, { summary: 'Rolled back the gateway config', cause: 'A typo in the gateway URL shipped in v42', impactStart: '2020-01-01 00:00' });
    const v1 = await eventually(async () => {
      await h.bot.settled();
      const found = draftMessages(channelId, cardTs, 1);
      expect(found.length).toBeGreaterThan(0);
      return found;
    }, 5_000);
    // All of it in the card's thread: the bot's only top-level message is still the card.
    expect(h.fake.channel(channelId)?.messages.filter((m) => m.user === 'U0BOT').map((m) => m.ts)).toEqual([cardTs]);

    const sections = sectionsOf(v1);
    expect([...sections.keys()]).toEqual([
      '📝 INC-1 · Checkout 502s — postmortem draft',
      'Summary',
      'Impact',
      'Detection',
      'Durations',
      'Timeline (Asia/Seoul)',
      'Resolution',
      'Cause',
      '5 whys',
      'What went well',
      'What went poorly',
      'Where we got lucky',
      'Action items',
    ]);
    expect(sections.get('📝 INC-1 · Checkout 502s — postmortem draft')?.[1]).toMatch(/^Version 1 · generated \d{4}-\d\d-\d\d \d\d:\d\d \+09:00/);
    expect(sections.get('Durations')?.[0]).toMatch(/^• \*Time to detect\*: \d+d \d+h \(impact started 2020-01-01 00:00 \+09:00 → detected /);
    expect(sections.get('Cause')).toEqual(['A typo in the gateway URL shipped in v42']);
    expect(sections.get('5 whys')?.[1]).toBe('1. Why did “Checkout 502s” happen? — A typo in the gateway URL shipped in v42');

    // Every timeline line links to a real message: the alert, the card, the thread lines, the pin, the update.
    const timeline = sections.get('Timeline (Asia/Seoul)') ?? [];
    expect(timeline.map((line) => line.replace(/^• <[^>]+> · /, ''))).toEqual([
      'Alert: firing: checkout 502 errors — 502 errors spiking on checkout!!',
      `<@${USERS.alice}> · Declared “Checkout 502s” as SEV2`,
      `<@${USERS.alice}> · Severity SEV2 → SEV1`,
      `<@${USERS.bob}> · Note: Gateway answers 502 for EU cards`,
      `<@${USERS.bob}> · Pinned: Error graph: the spike starts at deploy v42`,
      `<@${USERS.alice}> · Status update: Rolled back to v41, errors falling`,
      `<@${USERS.alice}> · Status Investigating → Mitigated`,
      `<@${USERS.alice}> · Status Mitigated → Resolved: Rolled back the gateway config`,
    ]);
    const linked = timeline.map(linkedMessage);
    expect(linked.every((m) => m !== undefined)).toBe(true);
    expect(linked[0]?.ts).toBe(alertTs);
    expect(linked[1]?.ts).toBe(cardTs);
    expect(linked[4]?.ts).toBe(graph);
    expect(linked[5]?.text).toContain('Rolled back to v41');

    // The alert group's thread links the draft.
    const alertLink = await eventually(() => {
      const found = h.fake.replies(ALERTS, alertTs).find((m) => m.text.includes('postmortem draft (v1) of INC-1'));
      if (!found) throw new Error('no link in the alert thread');
      return found;
    });
    expect(alertLink.text).toContain(`<https://fake.slack.test/archives/${channelId}/p${v1[0]?.ts.replace('.', '')}?thread_ts=${cardTs}&cid=${channelId}|open the draft>`);

    // Follow-ups, then a new version: it says it supersedes version 1 and lists them as checkboxes with owners.
    await command(h, `followup Lint gateway URLs in CI <@${USERS.bob}>`, USERS.alice, channelId);
    await command(h, 'followup Alert on 5xx per payment provider', USERS.alice, channelId);
    h.fake.rateLimit('chat.postMessage', 1, 1);
    expect(await command(h, 'postmortem', USERS.alice, channelId)).toContain('Postmortem draft v2 of INC-1 is being posted in the thread of its summary card (it supersedes v1)');
    const v2 = await eventually(async () => {
      await h.bot.settled();
      const found = draftMessages(channelId, cardTs, 2);
      expect(found.length).toBeGreaterThan(0);
      return found;
    }, 8_000);
    const second = sectionsOf(v2);
    expect(second.get('📝 INC-1 · Checkout 502s — postmortem draft')?.[1]).toMatch(/^Version 2 — supersedes version 1 · generated /);
    expect(second.get('Action items')).toEqual([`☐ Lint gateway URLs in CI — owner <@${USERS.bob}>`, '☐ Alert on 5xx per payment provider']);
    expect((second.get('Timeline (Asia/Seoul)') ?? []).map(linkedMessage).every((m) => m !== undefined)).toBe(true);
    await h.bot.settled();
    expect(draftMessages(channelId, cardTs, 2)).toHaveLength(v2.length);
    expect(draftMessages(channelId, cardTs, 1)).toHaveLength(v1.length);

    const rows = await h.bot.store.latestDraft(1);
    expect(rows).toMatchObject({ version: 2, postedTs: v2.map((m) => m.ts) });
    expect(rows?.markdown).toContain('Version 2 — supersedes version 1');
    expect(rows?.markdown).toContain('- [ ] Lint gateway URLs in CI — owner @U0BOB');
  }, 40_000);

  it('answers stats ephemerally, and bad postmortem/stats input with the right form', async () => {
    h = await startHarness();
    const declared = async (title: string) => {
      await h.slack.command(`declare ${title}`, { user: USERS.alice, channel: 'C0GENERAL' });
      const view = await eventually(() => {
        const v = h.fake.lastView();
        if (v?.callback_id !== 'incident.declare' || v.closed) throw new Error('no modal');
        return v;
      });
      await h.slack.submitView({ user: USERS.alice, view, values: { severity: { value: { type: 'static_select', selected_option: { text: 'SEV3', value: 'sev3' } } } } });
      await h.bot.settled();
    };
    await declared('Search is slow');
    expect(await command(h, 'stats')).toContain('Incidents declared in the last 30d: 1 incident');
    const answer = h.fake.responsesFor(USERS.alice).at(-1);
    expect(answer?.responseType).toBe('ephemeral');
    expect(JSON.stringify(answer?.blocks)).toContain('• SEV3: 1');
    expect(JSON.stringify(answer?.blocks)).toContain('Time to acknowledge: median 0s · p90 0s — over 1 incident');
    expect(await command(h, 'stats lately')).toContain("`lately` does not fit here. The form is `/incident stats [30d]`");
    expect(await command(h, 'postmortem')).toContain('not an incident channel');
    expect(await command(h, 'postmortem 42')).toContain('There is no incident INC-42');
    expect(await command(h, 'postmortem please')).toContain('The form is `/incident postmortem [number]`');
  }, 20_000);
});
