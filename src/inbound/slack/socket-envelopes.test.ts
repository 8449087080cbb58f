import { describe, expect, it } from 'vitest';
import { socketEnvelopeIntake, type EnvelopeDoors, type SocketEnvelope } from './socket-envelopes.js';

/** What happened to one envelope, in order: stored, dispatched, acknowledged (with its answer), unstored. */
function doors(store: (json: Record<string, unknown>) => Promise<boolean>) {
  const steps: string[] = [];
  const d: EnvelopeDoors = {
    takeEvent: async (json) => {
      const stored = await store(json);
      steps.push(stored ? 'stored' : 'not stored');
      return stored;
    },
    dispatch: async (envelope, ack) => {
      steps.push(`dispatched ${envelope.type}`);
      await ack({ response_action: 'errors', errors: { title: 'too long' } });
    },
    unstored: () => void steps.push('unstored'),
    log: { warn: () => undefined },
  };
  const ack = async (answer?: Record<string, unknown>) => void steps.push(answer ? `acked ${JSON.stringify(answer)}` : 'acked');
  return { steps, take: (envelope: SocketEnvelope) => socketEnvelopeIntake(d)(envelope, ack) };
}

const event = { type: 'event_callback', event_id: 'Ev1', event: { type: 'message', channel: 'C1', ts: '1.0' } };

describe('Socket Mode envelopes', () => {
  it('an Events API envelope is acknowledged only once stored, and not dispatched (the inbox reads it)', async () => {
    const { steps, take } = doors(async () => true);
    await take({ envelopeId: 'e1', type: 'events_api', payload: event });
    expect(steps).toEqual(['stored', 'acked']);
  });

  it('one that could not be stored is left unacknowledged, so Slack sends it again', async () => {
    const { steps, take } = doors(() => Promise.reject(new Error('database away')));
    await take({ envelopeId: 'e1', type: 'events_api', payload: event, retryAttempt: 1, retryReason: 'timeout' });
    expect(steps).toEqual(['unstored']);
  });

  it('an event the inbox does not keep, a command and an interaction go to the listeners, which acknowledge with their answer', async () => {
    const { steps, take } = doors(async () => false);
    await take({ envelopeId: 'e1', type: 'events_api', payload: { type: 'app_rate_limited', minute_rate_limited: 1 } });
    await take({ envelopeId: 'e2', type: 'slash_commands', payload: { command: '/incident', text: 'help' } });
    await take({ envelopeId: 'e3', type: 'interactive', payload: { type: 'view_submission', user: { id: 'U1' }, view: { id: 'V1' } } });
    const answer = 'acked {"response_action":"errors","errors":{"title":"too long"}}';
    expect(steps).toEqual(['not stored', 'dispatched events_api', answer, 'dispatched slash_commands', answer, 'dispatched interactive', answer]);
  });

  it('a payload Bolt could not route is acknowledged and dropped, as HTTP answers it 400: another delivery would not change it', async () => {
    const { steps, take } = doors(async () => true);
    await take({ envelopeId: 'e1', type: 'interactive', payload: { neither: 'command nor type' } });
    await take({ envelopeId: 'e2', type: 'events_api', payload: { type: 'event_callback', event: 'not an object' } });
    await take({ envelopeId: 'e3', type: 'interactive', payload: { type: 'block_actions', actions: [] } });
    expect(steps).toEqual(['acked', 'acked', 'acked']);
  });
});
