/** Every Web API method the fake answers, by name: exactly the methods of the bot's contract table. */
import { appMethods } from './methods-apps.js';
import { chatMethods } from './methods-chat.js';
import { conversationReadMethods } from './methods-conversations-read.js';
import { conversationWriteMethods } from './methods-conversations.js';
import { miscMethods } from './methods-misc.js';
import { viewMethods } from './methods-views.js';
import { homeMethods } from './methods-home.js';
import type { WebApiMethod } from '../../src/slack/web-api-contract.js';
import type { Args, ApiResult } from './types.js';
import type { Workspace } from './workspace.js';

export type MethodHandler = (ws: Workspace, args: Args) => ApiResult;

export const METHODS: Readonly<Record<WebApiMethod, MethodHandler>> = {
  ...appMethods,
  ...miscMethods,
  ...conversationWriteMethods,
  ...conversationReadMethods,
  ...chatMethods,
  ...viewMethods,
  ...homeMethods,
};
