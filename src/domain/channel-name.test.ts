import { describe, expect, it } from 'vitest';
import { channelNameCandidates, MAX_CHANNEL_NAME } from './channel-name.js';

describe('incident channel names', () => {
  it('keeps Korean words readable and lowercases Latin', () => {
    expect(channelNameCandidates('inc', 1, '결제 API 502 에러')[0]).toBe('inc-1-결제-api-502-에러');
  });

  it('offers a Latin-only and then a bare fallback for workspaces that refuse other scripts', () => {
    expect(channelNameCandidates('inc', 1, '결제 API 502 에러')).toEqual(['inc-1-결제-api-502-에러', 'inc-1-api-502', 'inc-1']);
    expect(channelNameCandidates('inc', 3, '결제 실패')).toEqual(['inc-3-결제-실패', 'inc-3']);
  });

  it('turns a title of only emoji or punctuation into the bare name', () => {
    expect(channelNameCandidates('inc', 5, '🔥🔥!!! ???')).toEqual(['inc-5']);
  });

  it('never exceeds 80 characters and never ends on a dash or a split character', () => {
    const [name] = channelNameCandidates('inc', 123, `${'데이터베이스 '.repeat(30)}end`);
    expect([...(name ?? '')].length).toBeLessThanOrEqual(MAX_CHANNEL_NAME);
    expect(name).not.toMatch(/-$/);
    expect(channelNameCandidates('inc', 2, 'x'.repeat(200), '3')[0]).toMatch(/^inc-2-x+-3$/);
    expect(channelNameCandidates('inc', 2, 'x'.repeat(200), '3')[0]?.length).toBe(80);
  });

  it('adds the suffix used after name_taken', () => {
    expect(channelNameCandidates('inc', 4, 'DB down', '2')[0]).toBe('inc-4-db-down-2');
  });
});
