import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { eventually } from '../support/eventually.js';
import { buttonValue, command, startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.stop());

const ALERTS = 'C0ALERTS';

/**
 * Alertmanager's widely used custom Slack template (the "*Alert:* / *Description:* / *Details:*" one, as in
 * prometheus/alertmanager's docs and notification template examples), rendered for HighRequestLatency on checkout.
 */
function alertmanagerPost(status: 'firing' | 'resolved', firing: number, extraText = '') {
  const title = status === 'firing' ? `[FIRING:${firing}] HighRequestLatency checkout` : '[RESOLVED] HighRequestLatency checkout';
  const text = [
    '*Alert:* High request latency on checkout - `critical`',
    `*Description:* p99 latency above 2s for 5 minutes${extraText}`,
    '*Details:*',
    '  • *alertname:* `HighRequestLatency`',
    '  • *service:* `checkout`',
    '  • *severity:* `critical`',
  ].join('\n');
  return {
    username: 'alertmanager',
    bot_id: 'B0AM',
    text: '',
    attachments: [{ color: status === 'firing' ? 'danger' : 'good', title, title_link: 'http://alertmanager.example/#/alerts', text, fallback: `${title} | http://alertmanager.example/#/alerts`, mrkdwn_in: ['fallback', 'pretext', 'text'] }],
  };
}

async function postAlert(post: ReturnType<typeof alertmanagerPost> | { text: string; user?: string }, eventId?: string): Promise<string> {
  const isBot = 'bot_id' in post;
  const ts = h.fake.postMessage(ALERTS, isBot ? { botId: post.bot_id, text: post.text, attachments: post.attachments } : { user: post.user ?? USERS.bob, text: post.text });
  const event = isBot ? { type: 'message', subtype: 'bot_message', channel: ALERTS, ts, event_ts: ts, ...post } : { type: 'message', channel: ALERTS, ts, event_ts: ts, user: post.user ?? USERS.bob, text: post.text };
  await h.slack.event(event, eventId ? { eventId } : {});
  return ts;
}

const triageConfig = (extra: Partial<ReturnType<typeof defaultConfig>['triage']> = {}) => ({
  alertChannels: [ALERTS],
  triage: { ...defaultConfig().triage, replyEvery: 300, ...extra },
});

const replyTo = (threadTs: string) => h.fake.replies(ALERTS, threadTs).filter((m) => m.user === 'U0BOT');

describe('alert channel auto-triage', () => {
  it('turns an Alertmanager burst into one thread whose reply tracks the counts, resolving only at the end', async () => {
    h = await startHarness(triageConfig());
    // Alice watches the alert channel: explaining its alerts is for its members.
    h.fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT', USERS.alice] });
    const first = await postAlert(alertmanagerPost('firing', 3));
    const reply = await eventually(() => {
      const [only] = replyTo(first);
      if (!only) throw new Error('no triage reply yet');
      return only;
    });
    expect(reply.text).toContain('Firing: 3 instances');
    expect(JSON.stringify(reply.blocks)).toContain('Why grouped: same source=alertmanager, alertname=highrequestlatency, service=checkout within 1h');

    await postAlert(alertmanagerPost('firing', 1));
    await eventually(() => expect(h.fake.message(ALERTS, reply.ts)?.text).toContain('Firing: 1 instance'), 3_000);
    await postAlert(alertmanagerPost('resolved', 0));
    await eventually(() => expect(h.fake.message(ALERTS, reply.ts)?.text).toContain('Resolved'), 3_000);

    expect(replyTo(first)).toHaveLength(1);
    expect(h.fake.message(ALERTS, reply.ts)?.text).toContain('3 alert messages');
    expect(h.fake.channel(ALERTS)?.messages.filter((m) => m.user === 'U0BOT')).toHaveLength(0);

    const link = `<https://acme.slack.com/archives/${ALERTS}/p${first.replace('.', '')}>`;
    await command(h, `triage explain ${link}`, USERS.alice, ALERTS);
    const explained = JSON.stringify(h.fake.responsesFor(USERS.alice).at(-1)?.blocks);
    expect(explained).toContain('Parsed as alertmanager');
    expect(explained).toContain('same source=alertmanager, alertname=highrequestlatency, service=checkout');
    expect(explained).toContain('no rule matched: suggest');
    expect(await command(h, 'triage explain yesterday', USERS.alice, ALERTS)).toContain('is not a Slack message link');
  });

  it('does not double-count a re-delivered event, and never lets alert text ping the channel', async () => {
    h = await startHarness(triageConfig());
    h.fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
    const first = await postAlert({ text: '<!channel> 502 errors spiking on checkout!! <@U0ALICE>' }, 'Ev0ALERT1');
    await h.slack.event({ type: 'message', channel: ALERTS, ts: first, event_ts: first, user: USERS.bob, text: '<!channel> 502 errors spiking on checkout!! <@U0ALICE>' }, { eventId: 'Ev0ALERT1', retryNum: 1 });
    await h.slack.event({ type: 'message', channel: ALERTS, ts: first, event_ts: first, user: USERS.bob, text: '<!channel> 502 errors spiking on checkout!! <@U0ALICE>' }, { eventId: 'Ev0ALERT1b' });
    const reply = await eventually(() => {
      const [only] = replyTo(first);
      if (!only) throw new Error('no triage reply yet');
      return only;
    });
    await h.bot.settled();
    expect(h.fake.message(ALERTS, reply.ts)?.text).toContain('1 alert message');
    const rendered = JSON.stringify(h.fake.message(ALERTS, reply.ts));
    expect(rendered).not.toContain('<!channel>');
    expect(rendered).not.toContain('<@U0ALICE>');
    expect(rendered).toContain('502 errors spiking on checkout');
  });

  it('Acknowledge records who and when; Declare opens the form prefilled and links the incident to the alerts', async () => {
    h = await startHarness(triageConfig());
    h.fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
    const first = await postAlert(alertmanagerPost('firing', 2));
    const reply = await eventually(() => {
      const [only] = replyTo(first);
      if (!only) throw new Error('no triage reply yet');
      return only;
    });
    const click = async (actionId: string, user: string = USERS.alice) =>
      h.slack.clickButton({ user, channel: ALERTS, messageTs: reply.ts, actionId, value: buttonValue(h.fake.message(ALERTS, reply.ts)?.blocks, actionId) });

    await click('triage.acknowledge');
    await eventually(() => expect(JSON.stringify(h.fake.message(ALERTS, reply.ts)?.blocks)).toContain(`Acknowledged by <@${USERS.alice}>`));

    await click('triage.declare', USERS.bob);
    const view = await eventually(() => {
      const v = h.fake.lastView();
      if (v?.callback_id !== 'incident.declare') throw new Error('declare modal not open');
      return v;
    });
    expect(JSON.stringify(view.blocks)).toContain('HighRequestLatency · checkout');
    const submitted = await h.slack.submitView({ user: USERS.bob, view, values: {} });
    expect(submitted.body).toBe('');
    const incident = await eventually(async () => {
      await h.bot.settled();
      const [found] = await h.bot.store.listOpenIncidents();
      if (!found?.channelId) throw new Error('no incident yet');
      return found;
    });
    expect(incident).toMatchObject({ title: 'HighRequestLatency · checkout', origin: 'alert', declaredBy: USERS.bob });
    expect(incident.milestones.detectedAt?.getTime()).toBe(Math.round(Number(first) * 1000));
    expect((await h.bot.store.timeline(incident.number)).filter((e) => e.kind === 'alert_linked')).toHaveLength(1);
    await eventually(() => expect(JSON.stringify(h.fake.message(ALERTS, reply.ts)?.blocks)).toContain(`Declared as INC-${incident.number}`));

    // Later alerts of the group join the incident's timeline.
    await postAlert(alertmanagerPost('firing', 3));
    await eventually(async () => expect((await h.bot.store.timeline(incident.number)).filter((e) => e.kind === 'alert_linked')).toHaveLength(2));
  });

  it('a declare rule opens an incident in triage on its own; an ignore rule stays silent; mute silences a group', async () => {
    h = await startHarness(
      triageConfig({
        rules: [
          { match: { source: 'alertmanager', severity: 'critical' }, action: 'declare', severity: 'sev1' },
          { match: { text: '(?i)staging' }, action: 'ignore' },
        ],
      }),
    );
    h.fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
    await postAlert(alertmanagerPost('firing', 1));
    const incident = await eventually(async () => {
      await h.bot.settled();
      const [found] = await h.bot.store.listOpenIncidents();
      if (!found?.channelId) throw new Error('no incident yet');
      return found;
    });
    expect(incident).toMatchObject({ status: 'triage', severity: 'sev1', declaredBy: 'U0BOT', commanderId: null });

    const quiet = await postAlert({ text: 'staging deploy is slow' });
    // Read and stored, and every Slack effect it caused tried: no reply among them.
    await eventually(async () => expect(await h.bot.store.alertByMessage(ALERTS, quiet)).toMatchObject({ parsed: { source: 'generic' } }));
    await h.bot.settled();
    expect(replyTo(quiet)).toHaveLength(0);
  });
});
