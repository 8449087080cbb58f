import { describe, expect, it } from 'vitest';
import { DAVE, PUBLIC, incidentAccessBench, on, type Harness } from '../../test/support/incident-access.js';
import { addNote } from './record-notes.js';

let harness: Harness;
const { twoIncidents, requests, footprint } = incidentAccessBench(() => harness, (started) => (harness = started));

describe('a public incident', () => {
  it.each(requests)('%s: anyone reads it; changing it takes joining its channel', async (_name, access, run) => {
    await twoIncidents();
    const before = await footprint(PUBLIC);
    const outcome = await run(on(PUBLIC, DAVE));
    if (access === 'read') expect(outcome).toMatchObject({ ok: true });
    else {
      expect(outcome).toEqual({ ok: false, error: { code: 'not_incident_member', number: PUBLIC, channelId: 'CPUB', channelName: 'inc-2-payments-down' } });
      expect(await footprint(PUBLIC)).toEqual(before);
    }
  });

  it('once joined, Dave may change it', async () => {
    await twoIncidents();
    harness.membership.join('CPUB', DAVE);
    expect(await addNote(harness.deps, on(PUBLIC, DAVE), { text: 'on it' })).toMatchObject({ ok: true });
  });
});
