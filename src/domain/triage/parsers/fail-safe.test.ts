import { describe, expect, it } from 'vitest';
import type { AlertMessage } from '../alert.js';
import { colourMeaning } from './colour-meaning.js';
import { explainParse, viewMessage } from './index.js';
import { readPostSignals, saysOnlyHowMany } from './post-signals.js';

/** A tool's post: one legacy attachment, from a bot. */
const toolPost = (attachment: Record<string, unknown>, extra: Partial<AlertMessage> = {}): AlertMessage => ({
  text: '',
  attachments: [attachment],
  blocks: [],
  username: null,
  botId: 'B0TOOL0001',
  ...extra,
});

describe('attachment colours are read by hue', () => {
  it.each([
    ['danger', 'red'], ['#FA4747', 'red'], ['#e96d76', 'red'], ['#D63232', 'red'], ['#cb2431', 'red'], ['#E01E5A', 'red'], ['#f00', 'red'],
    ['good', 'green'], ['#36a64f', 'green'], ['#4DC771', 'green'], ['#18be52', 'green'], ['#009900', 'green'],
    ['warning', 'amber'], ['#FFC227', 'amber'], ['#f4c030', 'amber'],
    ['#0DADEA', 'blue'], ['#439FE0', 'blue'], ['#808080', 'grey'], ['#cccccc', 'grey'], ['', null], ['mauve', null],
  ] as const)('%s is %s', (colour, meaning) => {
    expect(colourMeaning(colour)).toBe(meaning);
  });
});

describe("a tool post's signals", () => {
  const verdictOf = (message: AlertMessage): string | undefined => readPostSignals(viewMessage(message)).verdict?.kind;

  it.each([
    ['a red colour', toolPost({ color: '#cb2431', title: 'Deploy to production' }), 'failure'],
    ['❌ in the fallback', toolPost({ fallback: 'Deploy to production failed :x:', text: 'see the run' }), 'failure'],
    ['"down" in the title', toolPost({ title: 'api.acme.example is down' }), 'failure'],
    ['"unhealthy" in a block', toolPost({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Target group web is unhealthy' } }] }), 'failure'],
    ['a status field', toolPost({ fields: [{ title: 'Status', value: 'FAILED' }] }), 'failure'],
    ['"degraded" in the text', toolPost({ text: 'Replication is degraded on db-2' }), 'failure'],
    ['a green colour', toolPost({ color: 'good', title: 'Nightly backup' }), 'success'],
    ['"Resolved:" in front of failure words', toolPost({ title: 'Resolved: Error rate above 5% on checkout' }), 'success'],
    ['"0 errors" (nothing failed)', toolPost({ title: 'Backup completed with 0 errors' }), 'success'],
    ['"cancelled"', toolPost({ title: 'Release cancelled by octocat' }), 'info'],
    ['nothing at all', toolPost({ title: 'Weekly digest', text: 'Seven new sign-ups' }), undefined],
  ] as const)('%s', (_name, message, kind) => {
    expect(verdictOf(message)).toBe(kind);
  });

  it('fails safe when the headline says both: a failure beats a success word, unless the post opens with its verdict', () => {
    expect(verdictOf(toolPost({ title: 'Nightly backup completed with errors' }))).toBe('failure');
    expect(verdictOf(toolPost({ color: 'good', title: 'Helm upgrade failed for release apps/web' }))).toBe('failure');
    expect(verdictOf(toolPost({ color: 'danger', title: '✅ Recovered: disk on db-1' }))).toBe('success');
  });

  it('does not read names and actions as failures', () => {
    expect(verdictOf(toolPost({ title: 'HighErrorRate', text: 'error_rate for error-service' }))).toBeUndefined();
    expect(verdictOf(toolPost({ title: 'Scaled down replica set web-7d9 to 2' }))).toBeUndefined();
  });

  it('tells a title that only counts from one that names something', () => {
    expect(saysOnlyHowMany('🔥 1 alert(s) firing')).toBe(true);
    expect(saysOnlyHowMany('[FIRING:2]')).toBe(true);
    expect(saysOnlyHowMany('✅ 3 alerts resolved')).toBe(true);
    expect(saysOnlyHowMany('[FIRING:1] HighErrorRate')).toBe(false);
  });
});

describe('fail safe for tools', () => {
  it("reads a tool parser's quiet reading as firing when the post's headline says it failed", () => {
    // A Flux relay that does not paint error events `danger`: the Flux parser alone would call it an info event.
    const explained = explainParse(
      toolPost({ author_name: 'helmrelease/podinfo.apps', text: 'Helm upgrade failed for release apps/podinfo with chart podinfo@6.7.1: context deadline exceeded', fields: [{ title: 'revision', value: '6.7.1' }] }, { username: 'helm-controller' }),
    );
    expect(explained.tried).toEqual(['flux', 'generic']);
    expect(explained.parsed).toMatchObject({ source: 'flux', kind: 'alert', status: 'firing', count: 1 });
    expect(explained.parsed.reason).toMatch(/^fail-safe: flux read it as info .*"failed" in the attachment text/);
  });

  it("keeps a parser's claim when the headline also says success or info", () => {
    // ravsamhq/notify-slack-action paints a cancelled run `danger`; "cancelled" says what it is.
    const explained = explainParse(
      toolPost({
        text: '*<https://github.com/acme/web/actions/runs/1|CI: build>* cancelled on <https://github.com/acme/web/commit/4f5e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2|4f5e6d7>',
        fallback: 'CI: build has cancelled on refs/heads/main',
        pretext: 'CI: build has cancelled on refs/heads/main',
        color: 'danger',
      }),
    );
    expect(explained.parser).toBe('github-actions');
    expect(explained.parsed).toMatchObject({ kind: 'notice', status: 'info' });
  });

  it('reads an unknown integration with a failure signal anywhere as firing, named from its title, severity and service from labelled fields', () => {
    const parsed = explainParse(
      toolPost({ title: 'Nightly ETL', fallback: 'Nightly ETL failed :x:', text: 'Step load_orders exited 1', color: '#cb2431', fields: [{ title: 'Severity', value: 'High' }, { title: 'Service', value: 'warehouse' }] }),
    ).parsed;
    expect(parsed).toMatchObject({ source: 'generic', kind: 'alert', status: 'firing', name: 'Nightly ETL', severity: 'high', service: 'warehouse' });
  });

  it('keeps only clear success and info posts from unknown tools quiet', () => {
    expect(explainParse(toolPost({ title: 'Nightly ETL', fallback: 'Nightly ETL succeeded', color: 'good' })).parsed).toMatchObject({ kind: 'notice', status: 'resolved' });
    expect(explainParse(toolPost({ title: 'Weekly digest', text: 'Seven new sign-ups' })).parsed).toMatchObject({ kind: 'notice', status: 'info' });
  });

  it('names a post whose title only counts by the line under it', () => {
    const parsed = explainParse(toolPost({ title: '🔥 2 alert(s) firing', text: '*Queue depth above 10k on orders*\nConsumers are behind.' })).parsed;
    expect(parsed).toMatchObject({ status: 'firing', name: 'Queue depth above 10k on orders' });
  });
});
