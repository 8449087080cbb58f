import { afterEach, describe, expect, it } from 'vitest';
import { command, declare, startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.stop());

describe('the HTTP surface', () => {
  it('answers /healthz once ready and serves Prometheus metrics', async () => {
    h = await startHarness();
    const base = `http://127.0.0.1:${h.bot.port}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    await command(h, 'help');
    await declare(h, 'Metrics check');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('incident_bot_slack_requests_total{type="command"} 2');
    expect(metrics).toContain('incident_bot_outbox_depth{state="queued"} 0');
    expect(metrics).toContain('incident_bot_outbox_depth{state="dead"} 0');
    expect(metrics).toMatch(/incident_bot_slack_api_calls_total\{method="chat.postMessage"\} [1-9]/);
  });

  it('refuses requests that are not signed by Slack', async () => {
    h = await startHarness();
    const response = await fetch(`http://127.0.0.1:${h.bot.port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': 'v0=00' },
      body: 'command=%2Fincident&text=list&user_id=U0ALICE&channel_id=C0GENERAL',
    });
    expect(response.status).toBe(401);
    expect(h.fake.responsesFor(USERS.alice)).toHaveLength(0);
  });
});

describe('notes, follow-ups, status and help', () => {
  it('records notes and follow-ups with owners, and shows the card only to the caller', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Cache stampede', { severity: 'sev2' });
    expect(await command(h, 'note tried flushing the CDN, no change', USERS.bob, channelId)).toContain('Note added to the INC-1 timeline');
    expect(await command(h, `followup add jitter to cache TTLs <@${USERS.bob}>`, USERS.alice, channelId)).toContain('Follow-up added to INC-1');
    expect(await command(h, 'followup check <@U0NOBODY>', USERS.alice, channelId)).toContain("can't find user");
    expect(await h.bot.store.followUps(1)).toMatchObject([{ text: 'add jitter to cache TTLs', ownerId: USERS.bob }]);
    expect((await h.bot.store.timeline(1)).map((e) => [e.kind, e.actorId])).toEqual([
      ['declared', USERS.alice],
      ['note', USERS.bob],
      ['followup_added', USERS.alice],
    ]);
    expect(JSON.stringify(h.fake.channel(channelId)?.messages[0]?.blocks)).toContain('1 follow-up');

    await command(h, 'status 1', USERS.carol);
    const status = h.fake.responsesFor(USERS.carol).at(-1);
    expect(status?.responseType).toBe('ephemeral');
    expect(JSON.stringify(status?.blocks)).toContain('INC-1 · Cache stampede');
    expect(JSON.stringify(status?.blocks)).not.toContain('"actions"');

    expect(await command(h, 'help')).toContain('/incident declare [title]');
  });

  it('speaks Korean with locale: ko', async () => {
    h = await startHarness({ locale: 'ko' });
    const { channelId } = await declare(h, '결제 실패', { severity: 'sev1' });
    expect(h.fake.channel(channelId)?.topic).toContain('조사 중');
    expect(await command(h, 'severity sev9', USERS.alice, channelId)).toContain('"sev9"은(는) 심각도가 아닙니다');
  });
});
