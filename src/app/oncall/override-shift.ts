import type { Override } from '../../domain/oncall/rotation.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppError } from '../app-error.js';
import type { UseCaseDeps } from '../deps.js';
import { chooseRotation } from './rotations.js';
import { EVERY_HOME, queueHomes } from '../home/home-audience.js';

export const MAX_OVERRIDE_DAYS = 31;

/** `/incident oncall override @user 2h`: @user takes the shift from now for that long; the latest override wins. */
export async function overrideShift(
  deps: UseCaseDeps,
  input: { rotation: string | null; channelId: string; actorId: string; userId: string; durationMs: number },
): Promise<Result<{ override: Override; rotationName: string }, AppError>> {
  const chosen = chooseRotation(deps, input.rotation, input.channelId);
  if (!chosen.ok) return chosen;
  if (input.durationMs > MAX_OVERRIDE_DAYS * 86_400_000) return err({ code: 'override_too_long', maxDays: MAX_OVERRIDE_DAYS });
  const now = deps.clock.now();
  const override = await deps.store.transaction(async (records) => {
    const stored = await records.insertOverride({
      rotation: chosen.value.rotation.name,
      userId: input.userId,
      from: now,
      until: new Date(now.getTime() + input.durationMs),
      createdBy: input.actorId,
      createdAt: now,
    });
    await queueHomes(records, EVERY_HOME, now);
    return stored;
  });
  deps.effectsQueued();
  return ok({ override, rotationName: chosen.value.rotation.name });
}
