import type { Membership } from '../../app/access-ports.js';
import type { OncallConfig } from '../../app/deps.js';
import type { Backpressure } from '../../app/backpressure.js';
import type { EffectHandlers } from '../../app/outbox.js';
import { announcementEffects } from './announcement.js';
import { cardEffects } from './card.js';
import { ChannelJoins } from './channel-joins.js';
import { channelEffects } from './channel.js';
import type { EffectDeps } from './deps.js';
import { handoffEffects } from './handoffs.js';
import { homeEffects } from './home.js';
import { leadHandoffEffects } from './lead-handoff.js';
import { postmortemEffects } from './postmortem.js';
import { promptEffects } from './prompts.js';
import { timelineEffects } from './timeline.js';
import { triageReplyEffects } from './triage-reply.js';
import type { SloEffectSettings } from './slo-shown.js';

export interface EffectSettings {
  readonly channelPrefix: string;
  readonly announceChannel: string | null;
  readonly snoozesMs: readonly number[];
  readonly groupWindowMs: number;
  readonly replyEveryMs: number;
  /** Storms: triage replies say how far behind the bot is. */
  readonly pressure: Backpressure;
  /** The zone postmortem drafts write their dates in. */
  readonly timeZone: string;
  readonly oncall: OncallConfig;
  /** Homes list private incidents only to members of their channels. */
  readonly membership: Membership;
  /** The channels of alert sources (webhooks): the bot posts their groups' messages there on its own. */
  readonly alertSourceChannels?: readonly string[];
  /** SLO groups show their burn and a suggested severity on their reply and their incident's card. */
  readonly slo?: SloEffectSettings | null;
}

/** Every effect kind's handler, one map: the outbox dispatches each stored effect to Slack through it. */
export function createEffectHandlers(base: Omit<EffectDeps, 'joins'>, settings: EffectSettings): EffectHandlers {
  // The bot posts on its own in the announce channel, the rotation channels and the alert sources' channels: it joins
  // them to be able to read there.
  const selfJoined = [settings.announceChannel, ...settings.oncall.rotations.map((r) => r.channelId), ...(settings.alertSourceChannels ?? [])].filter((c): c is string => c !== null);
  const deps: EffectDeps = { ...base, joins: new ChannelJoins(base.client, new Set(selfJoined)) };
  const timeline = timelineEffects(deps);
  const context = { timeZone: settings.timeZone, words: deps.t.postmortem, severities: deps.severities, botUserId: deps.botUserId };
  return {
    ...channelEffects({ ...deps, channelPrefix: settings.channelPrefix }),
    ...cardEffects({ ...deps, slo: settings.slo ?? null }),
    ...announcementEffects({ ...deps, announceChannel: settings.announceChannel }),
    post_timeline_messages: timeline.post_timeline_messages,
    ...postmortemEffects({ ...deps, context, timeline }),
    ...leadHandoffEffects(deps),
    ...promptEffects({ ...deps, snoozesMs: settings.snoozesMs }),
    ...triageReplyEffects({ ...deps, groupWindowMs: settings.groupWindowMs, replyEveryMs: settings.replyEveryMs, pressure: settings.pressure, slo: settings.slo ?? null }),
    ...handoffEffects({ ...deps, oncall: settings.oncall }),
    ...homeEffects({ ...deps, membership: settings.membership, oncall: settings.oncall }),
  };
}
