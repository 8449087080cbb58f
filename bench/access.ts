/**
 * What the security checks cost. (1) The request guard on a signed 4 KB view submission, per request, over 20,000
 * runs. (2) `/incident list` (listOpenIncidents) with 50 open incidents, 25 of them private, against the loopback
 * fake Slack through the real membership cache: for someone outside every private channel (each "no" is asked
 * again), and for a member of all of them (first call, then cached). Prints medians and Slack calls.
 * Run: npm run bench:access   (not a test: it prints numbers)
 */
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { declareIncident } from '../src/app/declare-incident.js';
import { listOpenIncidents } from '../src/app/incident-queries.js';
import { nearestRank } from '../src/domain/postmortem/stats.js';
import { createChannelMembership } from '../src/slack/channel-membership.js';
import { checkSlackRequest } from '../src/inbound/slack/request-guard.js';
import { FakeSlack } from '../test/fake-slack/server.js';
import { connectWebClient } from '../test/fake-slack/web-client.js';
import { useCaseDeps } from '../test/support/use-case-deps.js';

const median = (samples: number[]): number => nearestRank([...samples].sort((a, b) => a - b), 50) ?? 0;

// (1) The guard.
const secret = 'bench-secret';
const payload = { type: 'view_submission', user: { id: 'U0ALICE' }, view: { id: 'V1', callback_id: 'incident.resolve', private_metadata: JSON.stringify({ form: 'x'.repeat(24) }), state: { values: { summary: { value: { type: 'plain_text_input', value: 'y'.repeat(3_500) } } } } } };
const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
const timestamp = String(Math.floor(Date.now() / 1000));
const headers = {
  'content-type': 'application/x-www-form-urlencoded',
  'x-slack-request-timestamp': timestamp,
  'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
};
const guardRuns = 20_000;
const started = performance.now();
for (let i = 0; i < guardRuns; i += 1) {
  if (!checkSlackRequest({ headers, body, signingSecret: secret, nowMs: Date.now() }).ok) throw new Error('refused a good request');
}
console.log(`request guard: ${(((performance.now() - started) / guardRuns) * 1000).toFixed(1)} µs per ${body.length}-byte signed view submission`);

// (2) list with private incidents, membership from the fake Slack.
const fake = await FakeSlack.start({ botToken: 'xoxb-bench' });
const harness = await useCaseDeps();
const membership = createChannelMembership(connectWebClient(fake), { log: { warn: () => undefined } });
const deps = { ...harness.deps, membership };
for (let i = 1; i <= 50; i += 1) {
  const isPrivate = i % 2 === 0;
  const declared = await declareIncident(deps, { title: `Incident ${i}`, impact: '', severity: 'sev2', commanderId: 'U0ALICE', declaredBy: 'U0ALICE', isPrivate, idempotencyKey: null });
  if (!declared.ok) throw new Error(declared.error.code);
  const channelId = `${isPrivate ? 'G' : 'C'}0INC${i}`;
  fake.addChannel({ id: channelId, name: `inc-${i}`, isPrivate, members: ['UBOT', 'U0ALICE'] });
  await harness.store.saveViewRefs(i, { channelId });
}
async function timeList(userId: string, runs: number): Promise<{ ms: number; calls: number; seen: number }> {
  const samples: number[] = [];
  const before = fake.callsTo('conversations.members').length;
  let seen = 0;
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    seen = (await listOpenIncidents(deps, userId)).length;
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), calls: (fake.callsTo('conversations.members').length - before) / runs, seen };
}
const firstMember = await timeList('U0ALICE', 1);
console.log(`list, member of all 25 private channels, first: ${firstMember.ms.toFixed(1)} ms, ${firstMember.calls} conversations.members calls, sees ${firstMember.seen}`);
const cachedMember = await timeList('U0ALICE', 10);
console.log(`list, member of all, cached: ${cachedMember.ms.toFixed(1)} ms median, ${cachedMember.calls} calls each, sees ${cachedMember.seen}`);
const outsider = await timeList('U0DAVE', 10);
console.log(`list, outside all 25 private channels: ${outsider.ms.toFixed(1)} ms median, ${outsider.calls} calls each (a "no" is asked again), sees ${outsider.seen}`);
await harness.db.destroy();
await fake.stop();
