import { afterEach, describe, expect, it } from 'vitest';
import { incomingFromPost } from '../inbound/slack/alert-message.js';
import { ALICE, DAVE, type Harness } from '../../test/support/incident-access.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { explainAlert } from './explain-alert.js';
import { ingestAlert } from './ingest-alert.js';

let harness: Harness;
afterEach(async () => harness?.db.destroy());

describe('triage explain', () => {
  it('shows an alert only to members of the channel it was posted in: to anyone else it does not exist', async () => {
    harness = await useCaseDeps();
    const alert = { channelId: 'G0SECRETS', ts: '1.0002', at: harness.clock.now(), raw: '{}' };
    await ingestAlert(harness.deps, incomingFromPost({ ...alert, message: { text: 'vault token s.abc123 leaked in logs', attachments: [], blocks: [], username: null, botId: null } }));
    harness.membership.join('G0SECRETS', ALICE);
    expect(await explainAlert(harness.deps, ALICE, { channelId: 'G0SECRETS', ts: '1.0002' })).toMatchObject({ ok: true, value: { of: 'message', message: { alert: { messageTs: '1.0002' } } } });
    expect(await explainAlert(harness.deps, DAVE, { channelId: 'G0SECRETS', ts: '1.0002' })).toEqual({ ok: false, error: { code: 'alert_not_found' } });
    expect(await explainAlert(harness.deps, DAVE, { channelId: 'G0SECRETS', ts: null })).toEqual({ ok: false, error: { code: 'alert_not_found' } });
  });
});
