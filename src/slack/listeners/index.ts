import type { SlackApp } from '../bolt-app.js';
import { registerAlertChannel } from './alert-channel.js';
import { registerCardActions } from './card-actions.js';
import { registerHomeEvents } from './home-events.js';
import { registerIncidentCommand } from './incident-command.js';
import { registerJoinAction } from './join-action.js';
import type { ListenerDeps } from './listener-deps.js';
import { registerModalSubmissions } from './modal-submissions.js';
import { registerOncallActions } from './oncall-actions.js';
import { registerPromptActions } from './prompt-actions.js';
import { registerTimelineEvents } from './timeline-events.js';

/** Every listener on the one Bolt app: requests arriving now and stored events the inbox drain reads go through them. */
export function registerListeners(slack: SlackApp, deps: ListenerDeps): void {
  registerIncidentCommand(slack.app, deps);
  registerCardActions(slack.app, deps);
  registerJoinAction(slack.app, deps);
  registerModalSubmissions(slack.app, deps);
  registerTimelineEvents(slack.app, deps, () => slack.botUserId);
  registerPromptActions(slack.app, deps);
  registerAlertChannel(slack.app, deps);
  registerOncallActions(slack.app, deps);
  registerHomeEvents(slack.app, deps);
}
