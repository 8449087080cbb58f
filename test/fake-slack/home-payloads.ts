/** What Slack sends about a person's App Home: `app_home_opened`, and block_actions from a button on the Home. */
import { isObj } from './block-elements.js';
import type { PayloadIdentity } from './interaction-payloads.js';

/** The button on a Home with this action id (and value, when several share the id), and its block. */
export function findHomeButton(blocks: readonly unknown[], actionId: string, value?: string): { blockId: string; element: Record<string, unknown> } | undefined {
  for (const block of blocks) {
    if (!isObj(block) || typeof block.block_id !== 'string') continue;
    const elements = [...(Array.isArray(block.elements) ? block.elements : []), block.accessory];
    const element = elements.find((e): e is Record<string, unknown> => isObj(e) && e.action_id === actionId && (value === undefined || e.value === value));
    if (element) return { blockId: block.block_id, element };
  }
  return undefined;
}

export interface HomeActionInput {
  readonly id: PayloadIdentity;
  readonly user: Record<string, unknown>;
  /** the Home as Slack shows it (homePayload) */
  readonly view: Record<string, unknown>;
  readonly action: Record<string, unknown>;
  readonly triggerId: string;
}

/** block_actions from a Home tab: the container is the view; no channel, no message, no response_url. */
export function homeBlockActionsPayload(i: HomeActionInput): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: i.user,
    api_app_id: i.id.apiAppId,
    token: i.id.token,
    container: { type: 'view', view_id: i.view.id },
    trigger_id: i.triggerId,
    team: { id: i.id.teamId, domain: i.id.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    view: i.view,
    actions: [i.action],
  };
}
