import type { Press } from '../../src/app/controls.js';
import type { Store } from '../../src/app/ports.js';
import type { HandoffPart } from '../../src/domain/oncall/handoff.js';

/** Use-case tests run without Slack: these record where a message "was posted" and return a press on it. */
let counter = 0;
const nextTs = (): string => `1795400000.${String((counter += 1)).padStart(6, '0')}`;

export async function pressOnPrompt(store: Store, promptId: number, channelId = 'CINC1'): Promise<Press> {
  const messageTs = nextTs();
  await store.updatePrompt(promptId, { channelId, messageTs });
  return { kind: 'press', channelId, messageTs };
}

export async function pressOnTriageReply(store: Store, groupId: number): Promise<Press> {
  const group = await store.getGroup(groupId);
  if (!group) throw new Error(`no group ${groupId}`);
  const messageTs = group.replyTs ?? nextTs();
  await store.updateGroup(groupId, { replyTs: messageTs });
  return { kind: 'press', channelId: group.channelId, messageTs };
}

export async function pressOnHandoff(store: Store, handoffId: number, part: HandoffPart, channelId = 'C0ONCALL1'): Promise<Press> {
  const messageTs = nextTs();
  await store.saveHandoffMessage(handoffId, part, { channelId, ts: messageTs });
  return { kind: 'press', channelId, messageTs };
}
