import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { eventually } from '../support/eventually.js';
import { PYRRA, SLOTH, type SloAlertFixture } from '../support/slo-alerts.js';
import { buttonValue, startHarness, USERS, type Harness } from './harness.js';

/**
 * SLO burn-rate alerts through the Alertmanager webhook, with a stand-in for Prometheus' HTTP API answering what
 * Sloth records for each SLO (`examples/_gen/getting-started.yml`): its objective, period, budget left and error ratio
 * per window. The real Prometheus evaluating Sloth's rules is in slo-prometheus.test.ts.
 */
const HOOKS = 'C0SLOHOOKS';
/** An alert channel Alertmanager's Slack receiver posts to. */
const ALERTS = 'C0SLOALERTS';
const TOKEN = 'slo-alertmanager-token-0123456789';
const HOUR = 3_600_000;

let h: Harness;
let prometheus: Server;
/** What the stand-in answers per sloth_id: the budget left and the error ratio over every window; `hang`: no answer. */
const recorded = new Map<string, { budgetLeft: number; errorRatio: number } | 'hang'>();

const vector = (series: Array<[Record<string, string>, number]>) => ({
  status: 'success',
  data: { resultType: 'vector', result: series.map(([metric, value]) => ({ metric, value: [Date.now() / 1000, String(value)] })) },
});

function slothSeries(id: string, numbers: { budgetLeft: number; errorRatio: number }): Array<[Record<string, string>, number]> {
  const labels = { sloth_id: id, sloth_service: 'myservice', sloth_slo: id };
  return [
    [{ __name__: 'slo:objective:ratio', ...labels }, 0.999],
    [{ __name__: 'slo:time_period:days', ...labels }, 30],
    [{ __name__: 'slo:period_error_budget_remaining:ratio', ...labels }, numbers.budgetLeft],
    ...['5m', '30m', '1h', '2h', '6h', '1d', '3d'].map((w): [Record<string, string>, number] => [{ __name__: `slo:sli_error:ratio_rate${w}`, ...labels, sloth_window: w }, numbers.errorRatio]),
  ];
}

/** A Sloth alert of SLO `id` (the fixture's labels with the SLO renamed). */
function sloth(f: SloAlertFixture, id: string): SloAlertFixture {
  return { labels: { ...f.labels, sloth_id: id, sloth_slo: id }, annotations: f.annotations };
}

let fingerprints = 0;
const fingerprintOf = new Map<string, string>();
/** Alertmanager's webhook body (version 4) for these alerts; an alert's fingerprint follows its labels. */
function notification(alerts: Array<{ fixture: SloAlertFixture; status?: 'firing' | 'resolved' }>) {
  return {
    receiver: 'incident-bot',
    status: alerts.some((a) => a.status !== 'resolved') ? 'firing' : 'resolved',
    alerts: alerts.map(({ fixture, status = 'firing' }) => {
      const key = JSON.stringify(fixture.labels);
      const fingerprint = fingerprintOf.get(key) ?? (fingerprints++).toString(16).padStart(16, '0');
      fingerprintOf.set(key, fingerprint);
      return {
        status,
        labels: fixture.labels,
        annotations: fixture.annotations,
        startsAt: '2026-12-07T20:00:00Z',
        endsAt: status === 'resolved' ? new Date().toISOString() : '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example:9090/graph',
        fingerprint,
      };
    }),
    groupLabels: { alertname: alerts[0]?.fixture.labels.alertname ?? '' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    version: '4',
    groupKey: '{}:{alertname="x"}',
    truncatedAlerts: 0,
  };
}

async function send(body: unknown): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${h.bot.port}/alerts/alertmanager/prometheus`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

const groupMessages = () => h.fake.messages(HOOKS).filter((m) => m.user === 'U0BOT');
const readable = (m: { text: string; blocks?: unknown[] | undefined }): string => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;

/** The one message of the group whose text matches, once it says `expected`. */
async function groupSaying(slo: string, expected: RegExp, timeoutMs = 8_000) {
  return eventually(() => {
    const shown = groupMessages().filter((m) => readable(m).includes(slo));
    expect(shown).toHaveLength(1);
    expect(readable(shown[0] ?? { text: '' })).toMatch(expected);
    return shown[0] ?? { ts: '', text: '', blocks: [] };
  }, timeoutMs);
}

beforeAll(async () => {
  prometheus = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? '';
    const id = /sloth_id="([^"]+)"/.exec(query)?.[1] ?? '';
    const numbers = recorded.get(id);
    if (numbers === 'hang') return; // accepted, never answered: Prometheus stuck
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(vector(numbers ? slothSeries(id, numbers) : [])));
  });
  await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
  const address = prometheus.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  h = await startHarness(
    {
      triage: { ...defaultConfig().triage, replyEvery: 300 },
      alertChannels: [ALERTS],
      alertSources: [{ name: 'prometheus', kind: 'alertmanager', channel: HOOKS, tokenEnv: 'SLO_AM_TOKEN' }],
      prometheus: { url: `http://127.0.0.1:${port}`, timeout: 2_000, cacheFor: 100 },
      // Names Pyrra's SLO (its alerts carry no objective); Sloth's of the same name is another service's.
      slos: [{ metadata: { name: 'checkout-availability', displayName: 'Checkout availability' }, spec: { service: 'checkout', objectives: [{ target: 0.999 }], timeWindow: [{ duration: 28 * 24 * HOUR }] } }],
    },
    undefined,
    {},
    { SLO_AM_TOKEN: TOKEN },
  );
  h.fake.addChannel({ id: HOOKS, name: 'alerts-slo', members: ['U0BOT', USERS.alice] });
  h.fake.addChannel({ id: ALERTS, name: 'alerts-slack', members: ['U0BOT', USERS.alice] });
});

afterAll(async () => {
  await h?.stop();
  prometheus?.closeAllConnections();
  await new Promise((resolve) => prometheus?.close(resolve));
});

describe('SLO alerts: the burn, the budget and a suggested severity', () => {
  it('a Sloth page with 37 % of the budget left suggests SEV2 with its numbers; declared as SEV2 in one click, later numbers never change its severity', async () => {
    recorded.set('checkout-availability', { budgetLeft: 0.37, errorRatio: 0.0162 });
    await send(notification([{ fixture: sloth(SLOTH.fastPage, 'checkout-availability') }]));
    const reply = await groupSaying('checkout-availability', /Suggested severity: \*SEV2\* — fast burn/);
    const text = readable(reply);
    expect(text).toContain('SLO *myservice checkout-availability* 99.9 % / 30 d · burning 16.2× (1h) · 37 % of budget left · gone in about 1.9 days at this rate');
    expect(text).toContain('Firing: fast burn (page) · numbers from Prometheus');

    // One click: the declare form opens with SEV2 chosen; the person declares.
    const viewsBefore = h.fake.views.length;
    await h.slack.clickButton({ user: USERS.alice, channel: HOOKS, messageTs: reply.ts, actionId: 'triage.declare_as', value: buttonValue(reply.blocks, 'triage.declare_as') });
    const view = await eventually(() => {
      const opened = h.fake.views[viewsBefore];
      if (opened?.callback_id !== 'incident.declare') throw new Error('declare form not open');
      return opened;
    });
    expect(JSON.stringify(view.blocks)).toMatch(/"initial_option":\{"text":\{[^}]*"text":"SEV2 · [^"]*"[^}]*\},"value":"sev2"\}/);
    await h.slack.submitView({
      user: USERS.alice,
      view,
      values: {
        title: { value: { type: 'plain_text_input', value: 'Checkout availability burning' } },
        severity: { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'SEV2' }, value: 'sev2' } } },
        impact: { value: { type: 'plain_text_input', value: null } },
        commander: { value: { type: 'users_select', selected_user: USERS.alice } },
        private: { value: { type: 'checkboxes', selected_options: [] } },
      },
    });
    const channelId = await eventually(async () => {
      const [incident] = await h.bot.store.listOpenIncidents();
      if (!incident?.channelId) throw new Error('no incident channel yet');
      return incident.channelId;
    });
    const card = () => readable(h.fake.channel(channelId)?.messages[0] ?? { text: '' });
    await eventually(() => expect(card()).toContain('37 % of budget left'));

    // The budget drops to 12 %: the card suggests SEV1, the incident stays SEV2 until a person changes it.
    recorded.set('checkout-availability', { budgetLeft: 0.12, errorRatio: 0.0162 });
    await send(notification([{ fixture: sloth(SLOTH.fastPage, 'checkout-availability') }, { fixture: sloth(SLOTH.ticket, 'checkout-availability') }]));
    await eventually(() => expect(card()).toContain('Suggested severity: *SEV1* — less than 25 % of the budget left'));
    expect(card()).toContain('12 % of budget left');
    expect((await h.bot.store.listOpenIncidents()).map((i) => i.severity)).toEqual(['sev2']);
  }, 30_000);

  it('with 12 % of the budget left a Sloth page suggests SEV1', async () => {
    recorded.set('search-latency', { budgetLeft: 0.12, errorRatio: 0.0162 });
    await send(notification([{ fixture: sloth(SLOTH.fastPage, 'search-latency') }]));
    const reply = await groupSaying('search-latency', /Suggested severity: \*SEV1\* — less than 25 % of the budget left/);
    expect(buttonValue(reply.blocks, 'triage.declare_as')).toMatch(/^\d+:sev1$/);
  });

  it('Pyrra’s 1h and 6h tiers of one SLO make one group; the fast one resolving while the slow one fires says so', async () => {
    const pyrraGroup = () => groupMessages().filter((m) => readable(m).includes('ErrorBudgetBurn'));
    await send(notification([{ fixture: PYRRA.slow }]));
    await eventually(() => expect(readable(pyrraGroup()[0] ?? { text: '' })).toContain('Firing: slow burn (page)'));
    await send(notification([{ fixture: PYRRA.slow }, { fixture: PYRRA.fast }]));
    await eventually(() => {
      expect(pyrraGroup()).toHaveLength(1);
      expect(readable(pyrraGroup()[0] ?? { text: '' })).toContain('burning at least 14.0× (1h)');
    });
    expect(readable(pyrraGroup()[0] ?? { text: '' })).toMatch(/SLO \*Checkout availability\* 99\.9 % \/ 28 d · burning at least 14\.0× \(1h\) · gone in at most about 2\.0 days at this rate.*Firing: fast burn \(page\) · numbers from the alert's labels.*Suggested severity: \*SEV2\*/s);

    await send(notification([{ fixture: PYRRA.slow }, { fixture: PYRRA.fast, status: 'resolved' }]));
    await eventually(() => expect(readable(pyrraGroup()[0] ?? { text: '' })).toContain('fast burn (page) stopped; slow burn (page) still firing'));
    const shown = readable(pyrraGroup()[0] ?? { text: '' });
    expect(shown).toContain('🔥 Firing: 1 instance');
    expect(shown).toContain('Suggested severity: *SEV3* — slow burn');
    expect(pyrraGroup()).toHaveLength(1);
  });

  it('a ticket alert opens nothing: a ticket note, no suggestion to declare, no incident', async () => {
    recorded.set('billing-availability', { budgetLeft: 0.8, errorRatio: 0.004 });
    const incidentsBefore = (await h.bot.store.listOpenIncidents()).length;
    await send(notification([{ fixture: sloth(SLOTH.ticket, 'billing-availability') }]));
    const reply = await groupSaying('billing-availability', /Ticket: no incident suggested/);
    expect(readable(reply)).not.toContain('triage.declare_as');
    await h.bot.settled();
    expect((await h.bot.store.listOpenIncidents()).length).toBe(incidentsBefore);
  });

  it('Prometheus not answering: the reply goes out on time, with what the labels give and saying why', async () => {
    recorded.set('cart-availability', 'hang');
    const sent = Date.now();
    await send(notification([{ fixture: sloth(SLOTH.fastPage, 'cart-availability') }]));
    const reply = await groupSaying('cart-availability', /Prometheus did not answer within 2s: numbers from the alert's labels/);
    // 2 s of waiting for Prometheus, then Slack's own latency: well within what a person waits for a reply.
    expect(Date.now() - sent).toBeLessThan(6_000);
    expect(readable(reply)).toContain('Suggested severity: *SEV2* — fast burn');
    expect(readable(reply)).not.toContain('of budget left');
  });

  it('the same through a Slack message: Alertmanager’s default template posting a Sloth page', async () => {
    recorded.set('myservice-orders-availability', { budgetLeft: 0.37, errorRatio: 0.0162 });
    // template/default.tmpl's title for group_by [alertname, sloth_id]: group values, then the other common values.
    const title = '[FIRING:1] MyServiceAvailabilitySLO myservice-orders-availability (availability myteam myorg/myservice myteam pageteam myservice page orders-availability 5m 2)';
    const message = {
      user: 'U0ROBOT',
      text: '',
      attachments: [{ title, title_link: 'http://alertmanager.example:9093/#/alerts?receiver=slack', fallback: title, color: 'danger' }],
    };
    const ts = h.fake.postMessage(ALERTS, message);
    await h.slack.event({ type: 'message', subtype: 'bot_message', bot_id: 'B0ALERTMGR', username: 'AlertManager', channel: ALERTS, ts, event_ts: ts, ...message });
    const reply = await eventually(() => {
      const found = h.fake.replies(ALERTS, ts).find((m) => m.user === 'U0BOT');
      if (!found) throw new Error('no triage reply yet');
      expect(readable(found)).toContain('📉 SLO *myservice orders-availability* 99.9 % / 30 d · burning 16.2× (1h) · 37 % of budget left');
      return found;
    }, 8_000);
    expect(readable(reply)).toContain('Suggested severity: *SEV2* — fast burn');
  });
});
