/** What Slack does with the app's answer to a view_submission: close, show errors, update, push or clear. */
import { isObj } from './block-elements.js';
import { checkModalView } from './block-kit.js';
import { addView, replaceView } from './methods-views.js';
import type { ApiFailure, ViewRecord } from './types.js';
import type { Workspace } from './workspace.js';

export type ViewSubmissionOutcome =
  | { action: 'closed' }
  | { action: 'errors'; errors: Record<string, unknown> }
  | { action: 'update'; view: ViewRecord }
  | { action: 'push'; view: ViewRecord }
  | { action: 'clear' }
  /** the app answered something Slack would refuse; the user would see an error and the modal stays */
  | { action: 'rejected'; reason: string; failure?: ApiFailure };

export function applyViewSubmissionAnswer(ws: Workspace, record: ViewRecord, answer: unknown): ViewSubmissionOutcome {
  if (!isObj(answer) || answer.response_action === undefined) {
    record.closed = true;
    return { action: 'closed' };
  }
  switch (answer.response_action) {
    case 'errors':
      if (!isObj(answer.errors)) return { action: 'rejected', reason: 'errors must be an object' };
      return { action: 'errors', errors: answer.errors };
    case 'update': {
      const result = replaceView(ws, record, answer.view);
      return result.ok ? { action: 'update', view: record } : { action: 'rejected', reason: result.error, failure: result };
    }
    case 'push': {
      const invalid = checkModalView(answer.view);
      if (invalid || !isObj(answer.view)) return { action: 'rejected', reason: invalid?.error ?? 'invalid_arguments', ...(invalid ? { failure: invalid } : {}) };
      return { action: 'push', view: addView(ws, answer.view, { userId: record.userId, triggerId: undefined, pushed: true }) };
    }
    case 'clear':
      for (const v of ws.views) if (v.userId === record.userId) v.closed = true;
      return { action: 'clear' };
    default:
      return { action: 'rejected', reason: `unknown response_action: ${String(answer.response_action)}` };
  }
}
