import { describe, expect, it } from 'vitest';
import { ALICE, PRIVATE, PUBLIC, incidentAccessBench, on, type Harness } from '../../test/support/incident-access.js';
import { explainAlert } from './explain-alert.js';
import { listOpenIncidents } from './incident-queries.js';

let harness: Harness;
const { twoIncidents, requests, footprint } = incidentAccessBench(() => harness, (started) => (harness = started));

describe('when Slack cannot say who is in a channel', () => {
  it.each(requests)('%s: a private incident is refused to its own members ("can\'t check right now"), and nothing changes', async (_name, _access, run) => {
    await twoIncidents();
    harness.membership.unanswered('CPRIV');
    const before = await footprint(PRIVATE);
    expect(await run(on(PRIVATE, ALICE))).toEqual({ ok: false, error: { code: 'access_unknown', number: PRIVATE } });
    expect(await footprint(PRIVATE)).toEqual(before);
  });

  it.each(requests)('%s: a public incident is still read by anyone, and changed by nobody for now', async (_name, access, run) => {
    await twoIncidents();
    harness.membership.unanswered('CPUB');
    const before = await footprint(PUBLIC);
    const outcome = await run(on(PUBLIC, ALICE));
    if (access === 'read') expect(outcome).toMatchObject({ ok: true });
    else {
      expect(outcome).toEqual({ ok: false, error: { code: 'access_unknown', number: PUBLIC } });
      expect(await footprint(PUBLIC)).toEqual(before);
    }
  });

  it('leaves private incidents out of the list, and explains no alert of that channel', async () => {
    await twoIncidents();
    harness.membership.unanswered('CPRIV');
    expect((await listOpenIncidents(harness.deps, ALICE)).map((i) => i.number)).toEqual([PUBLIC]);
    harness.membership.join('C0ALERTS', ALICE);
    harness.membership.unanswered('C0ALERTS');
    expect(await explainAlert(harness.deps, ALICE, { channelId: 'C0ALERTS', ts: null })).toEqual({ ok: false, error: { code: 'access_unknown', number: null } });
  });
});
