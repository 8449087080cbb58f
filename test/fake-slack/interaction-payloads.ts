/** block_actions and view_submission payloads, shaped like the ones Slack's servers send. */
import { isObj } from './block-elements.js';
import { toApiMessage } from './message-shape.js';
import type { FakeSlack } from './server.js';
import type { ViewRecord } from './types.js';

export interface PayloadIdentity {
  teamId: string;
  teamDomain: string;
  apiAppId: string;
  token: string;
}

export function userObject(fake: FakeSlack, userId: string, teamId: string): Record<string, unknown> {
  const name = fake.user(userId)?.name ?? userId.toLowerCase();
  return { id: userId, username: name, name, team_id: teamId };
}

/** Interactive elements of a block list, wherever Slack allows them. */
function elementsOf(blocks: readonly unknown[]): Array<{ blockId: unknown; element: Record<string, unknown> }> {
  return blocks.flatMap((b) => {
    if (!isObj(b)) return [];
    const candidates = [...(Array.isArray(b.elements) ? b.elements : []), b.accessory, b.element];
    return candidates.flatMap((e: unknown) => (isObj(e) ? [{ blockId: b.block_id, element: e }] : []));
  });
}

export function findElement(blocks: readonly unknown[], actionId: string): { blockId: string; element: Record<string, unknown> } | undefined {
  const hit = elementsOf(blocks).find((x) => x.element.action_id === actionId);
  return hit && typeof hit.blockId === 'string' ? { blockId: hit.blockId, element: hit.element } : undefined;
}

export interface ClickTarget {
  user: string;
  channel: string;
  messageTs: string;
  actionId: string;
  blockId?: string;
  /** force an ephemeral container even if a stored message exists */
  ephemeral?: boolean;
}

export interface ResolvedClick {
  channelId: string;
  message: Record<string, unknown> | undefined;
  threadTs: string | undefined;
  blockId: string;
  element: Record<string, unknown> | undefined;
}

/** Finds the message (or the ephemeral / response_url message) a click came from, and the clicked element. */
export function resolveClick(fake: FakeSlack, t: ClickTarget): ResolvedClick {
  const channelId = t.channel.startsWith('U') ? fake.dmChannelOf(t.channel) : t.channel;
  if (channelId === undefined) throw new Error(`fake-slack: the bot has no DM with ${t.channel}`);
  const stored = t.ephemeral === true ? undefined : fake.message(channelId, t.messageTs);
  const blockLists: unknown[][] = stored
    ? [stored.blocks ?? []]
    : [
        ...fake.ephemeralsFor(t.user).filter((e) => e.messageTs === t.messageTs).map((e) => e.blocks ?? []),
        ...fake.responsesFor(t.user).reverse().map((r) => r.blocks ?? []),
        ...fake.ephemeralsFor(t.user).reverse().map((e) => e.blocks ?? []),
      ];
  const found = blockLists.map((blocks) => findElement(blocks, t.actionId)).find((x) => x !== undefined);
  const blockId = t.blockId ?? found?.blockId;
  if (blockId === undefined) {
    throw new Error(`fake-slack: no element with action_id "${t.actionId}" in ${channelId}/${t.messageTs}; pass blockId`);
  }
  const threadTs = stored?.thread_ts !== undefined && stored.thread_ts !== stored.ts ? stored.thread_ts : undefined;
  return { channelId, message: stored ? toApiMessage(stored) : undefined, threadTs, blockId, element: found?.element };
}

export function channelName(fake: FakeSlack, channelId: string): string {
  if (channelId.startsWith('D')) return 'directmessage';
  return fake.channel(channelId)?.name ?? 'privategroup';
}

export interface BlockActionsInput {
  id: PayloadIdentity;
  user: Record<string, unknown>;
  click: ResolvedClick;
  messageTs: string;
  action: Record<string, unknown>;
  triggerId: string;
  responseUrl: string;
  channelName: string;
}

export function blockActionsPayload(i: BlockActionsInput): Record<string, unknown> {
  const container: Record<string, unknown> = {
    type: 'message',
    message_ts: i.messageTs,
    channel_id: i.click.channelId,
    is_ephemeral: i.click.message === undefined,
  };
  if (i.click.threadTs !== undefined) container.thread_ts = i.click.threadTs;
  return {
    type: 'block_actions',
    user: i.user,
    api_app_id: i.id.apiAppId,
    token: i.id.token,
    container,
    trigger_id: i.triggerId,
    team: { id: i.id.teamId, domain: i.id.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: i.click.channelId, name: i.channelName },
    ...(i.click.message ? { message: i.click.message } : {}),
    state: { values: {} },
    response_url: i.responseUrl,
    actions: [i.action],
  };
}

export function viewSubmissionPayload(
  id: PayloadIdentity,
  user: Record<string, unknown>,
  view: ViewRecord,
  values: Record<string, unknown>,
  triggerId: string,
  botId: string,
): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: id.teamId, domain: id.teamDomain },
    user,
    api_app_id: id.apiAppId,
    token: id.token,
    trigger_id: triggerId,
    view: {
      ...view.view,
      id: view.id,
      team_id: id.teamId,
      type: view.type,
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      external_id: view.external_id,
      hash: view.hash,
      title: view.title,
      ...(view.submit !== undefined ? { submit: view.submit } : {}),
      ...(view.close !== undefined ? { close: view.close } : {}),
      blocks: view.blocks,
      state: { values },
      root_view_id: view.id,
      previous_view_id: null,
      app_id: id.apiAppId,
      bot_id: botId,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
