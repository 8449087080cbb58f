import { editFromPost, incomingFromPost } from '../inbound/slack/alert-message.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAlertFixtures } from '../../test/support/alert-fixtures.js';
import { queuedEffects } from '../../test/support/outbox.js';
import { pressOnTriageReply } from '../../test/support/presses.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import type { AlertMessage } from '../domain/triage/alert.js';
import { ingestAlert, type IngestOutcome } from './ingest-alert.js';
import { reviseAlertMessage, withdrawAlertMessage } from './revise-alert.js';
import { acknowledgeGroup } from './triage-actions.js';

let harness: Awaited<ReturnType<typeof useCaseDeps>>;
afterEach(async () => harness?.db.destroy());

const fixtures = loadAlertFixtures();
const fixture = (tool: string, file: string): AlertMessage => {
  const found = fixtures.find((f) => f.tool === tool && f.file === file);
  if (!found) throw new Error(`no fixture ${tool}/${file}`);
  return found.message;
};
const human = (text: string): AlertMessage => ({ text, attachments: [], blocks: [], username: null, botId: null });

let seq = 0;
/** Posts a message `seconds` after the harness start; returns its ts. */
async function post(message: AlertMessage, seconds = 0): Promise<{ ts: string; outcome: IngestOutcome }> {
  seq += 1;
  const at = new Date(harness.clock.now().getTime() + seconds * 1000);
  const ts = `${Math.floor(at.getTime() / 1000)}.${String(seq).padStart(6, '0')}`;
  const outcome = await ingestAlert(harness.deps, incomingFromPost({ channelId: 'C0ALERTS', ts, at, raw: JSON.stringify(message), message }));
  return { ts, outcome };
}

const edit = (ts: string, message: AlertMessage, seconds: number) =>
  reviseAlertMessage(harness.deps, editFromPost({ channelId: 'C0ALERTS', ts, at: new Date(harness.clock.now().getTime() + seconds * 1000), raw: JSON.stringify(message), message }));

function groupIdOf(outcome: IngestOutcome): number {
  if (!outcome.stored || outcome.groupId === null) throw new Error('not grouped');
  return outcome.groupId;
}

const pendingReplies = async () => (await queuedEffects(harness.store)).filter((p) => p.effect.kind === 'sync_triage_reply');

describe('edits and deletions of alert messages', () => {
  it('a Zabbix recovery by edit resolves the problem in place, counted once', async () => {
    harness = await useCaseDeps();
    const problem = await post(fixture('zabbix', '01-problem-cpu.json'));
    const groupId = groupIdOf(problem.outcome);
    expect(await edit(problem.ts, fixture('zabbix', '03-problem-cpu-resolved-by-edit.json'), 750)).toEqual({ revised: true, groupId, newGroup: false });
    const group = await harness.store.getGroup(groupId);
    expect(group?.counts).toMatchObject({ status: 'resolved', firing: 0, alertCount: 1, resolvedAt: new Date(harness.clock.now().getTime() + 750_000) });
    const stored = await harness.store.alertByMessage('C0ALERTS', problem.ts);
    expect(stored).toMatchObject({ parsed: { status: 'resolved' }, revisedAt: new Date(harness.clock.now().getTime() + 750_000) });
    expect(stored?.raw).toContain('Problem: High CPU');
    expect(stored?.revisedRaw).toContain('Resolved in 12m 29s');
    // The same edit delivered again changes nothing.
    expect(await edit(problem.ts, fixture('zabbix', '03-problem-cpu-resolved-by-edit.json'), 760)).toEqual({ revised: false, why: 'unchanged' });
    expect((await harness.store.getGroup(groupId))?.counts.alertCount).toBe(1);
  });

  it("Sentry's Resolve button (an edit of the issue message) resolves the issue's group", async () => {
    harness = await useCaseDeps();
    const issue = await post(fixture('sentry', 'issue-alert-blocks-firing.json'));
    await edit(issue.ts, fixture('sentry', 'issue-resolved-in-slack.json'), 300);
    expect((await harness.store.getGroup(groupIdOf(issue.outcome)))?.counts).toMatchObject({ status: 'resolved', alertCount: 1 });
  });

  it("PagerDuty's acknowledgement edit marks the group acknowledged by the tool; a person's Acknowledge keeps that time", async () => {
    harness = await useCaseDeps();
    const incident = await post(fixture('pagerduty', 'slack-v2-triggered.json'));
    const groupId = groupIdOf(incident.outcome);
    await edit(incident.ts, fixture('pagerduty', 'slack-v2-acknowledged.json'), 240);
    const acknowledgedAt = new Date(harness.clock.now().getTime() + 240_000);
    expect(await harness.store.getGroup(groupId)).toMatchObject({ counts: { status: 'firing', firing: 1 }, acknowledgedVia: 'pagerduty', acknowledgedAt, acknowledgedBy: null });
    harness.clock.advance(600_000);
    await acknowledgeGroup(harness.deps, { groupId, userId: 'U0ALICE', press: await pressOnTriageReply(harness.store, groupId) });
    expect(await harness.store.getGroup(groupId)).toMatchObject({ acknowledgedBy: 'U0ALICE', acknowledgedAt });
    await edit(incident.ts, fixture('pagerduty', 'slack-v2-resolved.json'), 1_860);
    expect((await harness.store.getGroup(groupId))?.counts).toMatchObject({ status: 'resolved', alertCount: 1 });
  });

  it('a question edited into a failure report opens a group; an edit of a message never seen is ingested', async () => {
    harness = await useCaseDeps();
    const question = await post(human('is checkout down?'));
    expect(question.outcome).toMatchObject({ stored: true, groupId: null });
    expect(await edit(question.ts, human('checkout is down'), 60)).toMatchObject({ revised: true, newGroup: true });
    expect(await pendingReplies()).toHaveLength(1);
    expect(await edit('1795410000.000999', fixture('zabbix', '02-problem-icmp.json'), 90)).toMatchObject({ revised: true, newGroup: true });
  });

  it('a deleted alert message is kept but not counted; with none left nothing fires', async () => {
    harness = await useCaseDeps();
    const first = await post(human('payments down'));
    const second = await post(human('payments down'), 30);
    const groupId = groupIdOf(first.outcome);
    expect((await harness.store.getGroup(groupId))?.counts).toMatchObject({ alertCount: 2, firing: 2 });
    const deletedAt = new Date(harness.clock.now().getTime() + 90_000);
    expect(await withdrawAlertMessage(harness.deps, { channelId: 'C0ALERTS', ts: second.ts, at: deletedAt })).toEqual({ withdrawn: true, groupId });
    expect((await harness.store.getGroup(groupId))?.counts).toMatchObject({ status: 'firing', alertCount: 1, firing: 1 });
    expect(await harness.store.alertByMessage('C0ALERTS', second.ts)).toMatchObject({ deletedAt });
    // Deleting twice, or a message never stored, changes nothing; an edit of a deleted message is ignored.
    expect(await withdrawAlertMessage(harness.deps, { channelId: 'C0ALERTS', ts: second.ts, at: deletedAt })).toEqual({ withdrawn: false, groupId: null });
    expect(await edit(second.ts, human('payments down hard'), 100)).toEqual({ revised: false, why: 'deleted' });
    await withdrawAlertMessage(harness.deps, { channelId: 'C0ALERTS', ts: first.ts, at: deletedAt });
    expect((await harness.store.getGroup(groupId))?.counts).toMatchObject({ status: 'resolved', alertCount: 0, firing: 0 });
  });
});

describe('what opens a group', () => {
  it('talk, questions and tools\' success or info posts are stored with a reason and get no reply', async () => {
    harness = await useCaseDeps();
    const quiet = [
      human('is checkout down?'),
      human('deploying now'),
      fixture('flux', '06-helm-install-succeeded.json'),
      fixture('argocd', '03-sync-running.json'),
      fixture('kubernetes-events', '03-scaled-up.json'),
      fixture('github-actions', '04-action-slack-cancelled.json'),
    ];
    for (const [i, message] of quiet.entries()) {
      const { outcome } = await post(message, i);
      expect(outcome).toMatchObject({ stored: true, groupId: null, newGroup: false });
      if (outcome.stored) expect(outcome.storedOnly).toMatch(/\w{4}/);
    }
    expect(await pendingReplies()).toHaveLength(0);
    expect(await harness.store.storedAlerts(null)).toHaveLength(quiet.length);
  });

  it('a success post clears the failure of the same subject, never joins it as firing', async () => {
    harness = await useCaseDeps();
    const failed = await post(fixture('github-actions', '01-rtcamp-failure.json'));
    const succeeded = await post(fixture('github-actions', '03-rtcamp-success.json'), 1_200);
    const groupId = groupIdOf(failed.outcome);
    expect(succeeded.outcome).toMatchObject({ groupId, newGroup: false });
    expect((await harness.store.getGroup(groupId))?.counts).toMatchObject({ status: 'resolved', firing: 0, alertCount: 2 });
  });

  it('an Argo CD deploy resolves both the sync failure and the degraded health of that application', async () => {
    harness = await useCaseDeps();
    const sync = await post(fixture('argocd', '01-sync-failed.json'));
    const health = await post(fixture('argocd', '02-health-degraded.json'), 180);
    await post(fixture('argocd', '04-deployed.json'), 1_290);
    for (const outcome of [sync.outcome, health.outcome]) expect((await harness.store.getGroup(groupIdOf(outcome)))?.counts.status).toBe('resolved');
  });

  it('a recovery in plain words resolves the report about the same service', async () => {
    harness = await useCaseDeps();
    const down = await post(human('checkout is down'));
    const back = await post(human('checkout is back up'), 600);
    expect(back.outcome).toMatchObject({ groupId: groupIdOf(down.outcome) });
    expect((await harness.store.getGroup(groupIdOf(down.outcome)))?.counts.status).toBe('resolved');
  });

  it('a rule may make a statement a problem, but never a question', async () => {
    harness = await useCaseDeps();
    const deps = { ...harness.deps, triage: { ...harness.deps.triage, rules: [{ match: { text: '(?i)deploy' }, action: 'suggest' as const }] } };
    const at = harness.clock.now();
    const statement = await ingestAlert(deps, incomingFromPost({ channelId: 'C0ALERTS', ts: '1795400000.000001', at, raw: '{}', message: human('deploying the hotfix now') }));
    const question = await ingestAlert(deps, incomingFromPost({ channelId: 'C0ALERTS', ts: '1795400000.000002', at, raw: '{}', message: human('is the deploy done?') }));
    expect(statement).toMatchObject({ newGroup: true });
    expect(question).toMatchObject({ groupId: null });
  });
});
