import { LIMITS } from './errors.js';
import { truncate } from './slack-text.js';

/**
 * The title of an incident declared from an alert group: the alert's name and service. These are the bot's words, not
 * a person's, so there is nobody to ask for a shorter one: past the title limit it is shortened where a reader sees
 * it was (an ellipsis at a word boundary), never cut silently.
 */
export function alertIncidentTitle(alert: { readonly name: string; readonly service: string | null }): string {
  return truncate(`${alert.name}${alert.service ? ` · ${alert.service}` : ''}`.replace(/\s+/g, ' ').trim(), LIMITS.title);
}
