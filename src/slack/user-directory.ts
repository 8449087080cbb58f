import type { WebClient } from '@slack/web-api';
import type { AppError } from '../app/app-error.js';
import { slackErrorCode } from './slack-errors.js';

/** Checks that a mentioned user exists and is a person before they are given a role. */
export async function checkPerson(client: WebClient, userId: string): Promise<AppError | null> {
  try {
    const answer = await client.users.info({ user: userId });
    if (answer.user?.is_bot || answer.user?.id === 'USLACKBOT') return { code: 'bot_user', userId };
    if (answer.user?.deleted) return { code: 'unknown_user', userId };
    return null;
  } catch (error) {
    if (slackErrorCode(error) === 'user_not_found') return { code: 'unknown_user', userId };
    throw error;
  }
}
