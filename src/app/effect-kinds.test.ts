import { describe, expect, it } from 'vitest';
import { EFFECT_KINDS, effectKey, isReconciling, parseEffect, type Effect, type EffectKind } from './effect-kinds.js';

/** One effect of every kind: the type makes this list name each kind the table declares. */
const ONE_OF_EACH: { readonly [K in EffectKind]: Effect<K> } = {
  sync_channel: { kind: 'sync_channel', incidentNumber: 1 },
  sync_card: { kind: 'sync_card', incidentNumber: 1 },
  sync_announcement: { kind: 'sync_announcement', incidentNumber: 1 },
  post_update_to_announcement: { kind: 'post_update_to_announcement', incidentNumber: 1, text: 'rolled back', by: 'U0ALICE' },
  post_timeline_messages: { kind: 'post_timeline_messages', incidentNumber: 1 },
  post_postmortem: { kind: 'post_postmortem', incidentNumber: 1, draftId: 3 },
  post_lead_message: { kind: 'post_lead_message', incidentNumber: 1, handoffId: 2, part: 'briefing' },
  refresh_lead_message: { kind: 'refresh_lead_message', incidentNumber: 1, handoffId: 2, part: 'briefing' },
  brief_new_lead: { kind: 'brief_new_lead', incidentNumber: 1, userId: 'U0BOB', by: 'U0ALICE' },
  post_prompt: { kind: 'post_prompt', incidentNumber: 1, promptId: 4 },
  refresh_prompt: { kind: 'refresh_prompt', incidentNumber: 1, promptId: 4 },
  sync_triage_reply: { kind: 'sync_triage_reply', groupId: 5 },
  post_handoff_message: { kind: 'post_handoff_message', handoffId: 6, part: 'reminder' },
  refresh_handoff_message: { kind: 'refresh_handoff_message', handoffId: 6, part: 'reminder' },
  publish_home: { kind: 'publish_home', userId: 'U0ALICE' },
};

describe('the table of effect kinds', () => {
  it.each(Object.values(ONE_OF_EACH))('$kind survives the outbox payload codec', (effect) => {
    expect(parseEffect(JSON.stringify(effect))).toEqual({ effect, error: null });
  });

  it('names every kind the table declares, and nothing else', () => {
    expect(Object.keys(ONE_OF_EACH).sort()).toEqual(Object.keys(EFFECT_KINDS).sort());
  });

  it('keys an effect by the Slack target it writes: a post and its refresh share one', () => {
    expect(effectKey(ONE_OF_EACH.post_prompt)).toBe('prompt:4');
    expect(effectKey(ONE_OF_EACH.refresh_prompt)).toBe('prompt:4');
    expect(effectKey(ONE_OF_EACH.post_update_to_announcement)).toBe(effectKey(ONE_OF_EACH.sync_announcement));
    expect(isReconciling(ONE_OF_EACH.refresh_prompt)).toBe(true);
    expect(isReconciling(ONE_OF_EACH.post_prompt)).toBe(false);
  });

  it.each([
    ['not JSON', '{', /JSON/],
    ['no kind', '{"incidentNumber":1}', /no effect kind/],
    ['a kind no version declares', '{"kind":"sync_everything","incidentNumber":1}', /unknown effect kind sync_everything/],
    ['a payload missing a field', '{"kind":"post_prompt","incidentNumber":1}', /promptId/],
    ['a part the kind does not have', '{"kind":"post_handoff_message","handoffId":1,"part":"briefing"}', /part/],
  ])('a payload that does not parse (%s) says why, without throwing', (_name, payload, reason) => {
    const parsed = parseEffect(payload);
    expect(parsed.effect).toBeNull();
    expect(parsed.error).toMatch(reason);
  });
});
