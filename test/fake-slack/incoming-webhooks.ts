/**
 * Slack's incoming webhooks (api.slack.com/messaging/webhooks): `POST /services/T…/B…/<secret>` with a JSON message
 * posts it into the webhook's channel as its integration (a `bot_message` with the integration's bot id), answers
 * `ok` in plain text, and then, like Slack, delivers the `message` event to apps in that channel. Errors as Slack
 * answers them: 404 `no_service`, 400 `invalid_payload` / `no_text` / `invalid_blocks`, 410 `channel_is_archived`,
 * 429 past about one message a second (short bursts allowed) with Retry-After.
 */
import { randomBytes } from 'node:crypto';
import { withBlockIds } from './block-kit.js';
import { checkMessageContent } from './block-kit.js';
import type { Workspace } from './workspace.js';

export interface IncomingWebhook {
  /** The channel the webhook was installed to post in. */
  readonly channel: string;
  /** The integration's bot id on its posts. */
  readonly botId: string;
  /** Shown as the poster when the payload names no `username`. */
  readonly username: string;
}

/** Hands a `message` event to the app the way Slack's Events API would (signed, to its request URL). */
export type EventDelivery = (event: Record<string, unknown>) => Promise<{ status: number }>;

interface Registered extends IncomingWebhook {
  tokens: number;
  at: number;
}

const BURST = 3;
const PER_SECOND = 1;

export class IncomingWebhooks {
  private readonly hooks = new Map<string, Registered>();
  private deliver: EventDelivery | null = null;
  /** Deliveries the app did not answer 200 (tests expect none). */
  readonly failedDeliveries: Array<{ event: Record<string, unknown>; status: number | string }> = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly ws: Workspace) {}

  /** Installs a webhook; returns its path (`/services/T…/B…/…`), to be appended to the fake's URL. */
  add(hook: IncomingWebhook): string {
    const path = `/services/${this.ws.teamId}/${hook.botId}/${randomBytes(12).toString('hex')}`;
    this.hooks.set(path, { ...hook, tokens: BURST, at: Date.now() });
    return path;
  }

  /** Where the message events of webhook posts go (the app under test). */
  deliverTo(delivery: EventDelivery): void {
    this.deliver = delivery;
  }

  /** Resolves once every event delivery started so far has been answered. */
  async delivered(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  handles(path: string): boolean {
    return path.startsWith('/services/');
  }

  /** Answers one post to a webhook URL: status, plain-text body, headers. */
  post(path: string, body: string): { status: number; text: string; headers?: Record<string, string> } {
    const hook = this.hooks.get(path);
    const ch = hook === undefined ? undefined : this.ws.channels.get(hook.channel);
    if (!hook || !ch) return { status: 404, text: 'no_service' };
    if (ch.archived) return { status: 410, text: 'channel_is_archived' };
    const wait = this.take(hook);
    if (wait !== null) return { status: 429, text: 'rate_limited', headers: { 'retry-after': String(wait) } };
    let payload: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { status: 400, text: 'invalid_payload' };
      payload = parsed as Record<string, unknown>;
    } catch {
      return { status: 400, text: 'invalid_payload' };
    }
    const invalid = checkMessageContent({ text: payload.text, blocks: payload.blocks, attachments: payload.attachments });
    if (invalid) return { status: 400, text: invalid.error };
    const text = typeof payload.text === 'string' ? payload.text : '';
    const attachments = Array.isArray(payload.attachments) ? payload.attachments : undefined;
    const blocks = Array.isArray(payload.blocks) ? withBlockIds(payload.blocks, () => this.ws.mint.blockId()) : undefined;
    const posted = this.ws.post(ch, { user: '', bot_id: hook.botId, text, reply_broadcast: false, ...(attachments ? { attachments } : {}), ...(blocks ? { blocks } : {}) });
    const username = typeof payload.username === 'string' ? payload.username : hook.username;
    const event = {
      type: 'message',
      subtype: 'bot_message',
      channel: ch.id,
      channel_type: 'channel',
      ts: posted.ts,
      event_ts: posted.ts,
      bot_id: hook.botId,
      username,
      text,
      ...(attachments ? { attachments } : {}),
      ...(blocks ? { blocks } : {}),
    };
    this.send(event);
    return { status: 200, text: 'ok' };
  }

  /** Delivered after the webhook's answer, as Slack does: the poster never waits for the app. */
  private send(event: Record<string, unknown>): void {
    const deliver = this.deliver;
    if (!deliver) return;
    const delivery = deliver(event).then(
      (answer) => {
        if (answer.status !== 200) this.failedDeliveries.push({ event, status: answer.status });
      },
      (error: unknown) => void this.failedDeliveries.push({ event, status: error instanceof Error ? error.message : String(error) }),
    );
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** About one post a second per webhook, a burst of three: null when allowed, else whole seconds to wait. */
  private take(hook: Registered): number | null {
    const now = Date.now();
    hook.tokens = Math.min(BURST, hook.tokens + ((now - hook.at) / 1000) * PER_SECOND);
    hook.at = now;
    if (hook.tokens >= 1) {
      hook.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - hook.tokens) / PER_SECOND));
  }
}
