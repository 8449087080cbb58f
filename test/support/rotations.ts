import { localTimeToInstant } from '../../src/domain/oncall/schedule.js';
import type { Rotation } from '../../src/domain/oncall/rotation.js';

const MIN = 60_000;

/** Daily 10:00 Seoul handoffs, alice then bob from 2026-11-23, reminder 30 min before, 15 min to acknowledge. */
export const platformRotation: Rotation = {
  name: 'platform',
  channelId: 'C0ONCALL',
  timezone: 'Asia/Seoul',
  members: ['U0ALICE', 'U0BOB'],
  startAt: localTimeToInstant('2026-11-23T10:00', 'Asia/Seoul'),
  handoffCron: '0 10 * * *',
  remindBeforeMs: 30 * MIN,
  ackTimeoutMs: 15 * MIN,
};
