/**
 * Drives the bot's `/slack/events` endpoint the way Slack's servers do: signed (HMAC-SHA256 `v0`) slash commands,
 * block_actions, view_submissions and Events API callbacks, with trigger ids and response URLs from the fake.
 */
import { createHmac } from 'node:crypto';
import {
  blockActionsPayload,
  channelName,
  resolveClick,
  userObject,
  viewSubmissionPayload,
  type ClickTarget,
  type PayloadIdentity,
} from './interaction-payloads.js';
import type { FakeSlack, ViewRecord, ViewSubmissionOutcome } from './server.js';
import { findHomeButton, homeBlockActionsPayload } from './home-payloads.js';
import { checkValuesFitView, valuesFromView, wireValues, type ViewValues } from './view-state.js';

export type { OptionInput, SimpleValue, ViewStateValue, ViewValues } from './view-state.js';
export { valuesFromView } from './view-state.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

export interface SignedSlackClientOptions {
  /** e.g. http://127.0.0.1:3123/slack/events */
  appUrl: string;
  signingSecret: string;
  fake: FakeSlack;
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
  /** the legacy verification token sent in payloads */
  verificationToken?: string;
  /** clock for X-Slack-Request-Timestamp; the bot checks it against its own wall clock, so keep the default */
  now?: () => number;
}

export interface SlackHttpResponse {
  status: number;
  body: string;
  /** the body parsed as JSON, when it is JSON */
  json?: unknown;
}

export interface CommandOptions {
  user: string;
  channel: string;
  command?: string;
}

export type ButtonClick = ClickTarget & { value?: string };
export type OptionSelection = ClickTarget & { value: string; text?: string };

export interface ViewSubmission {
  user: string;
  view: ViewRecord;
  /** blockId → actionId → value; input blocks not given are sent with their initial values, as Slack does */
  values: ViewValues;
}

export type ActionResponse = SlackHttpResponse & { responseUrl: string; triggerId: string; actionTs: string };

export interface EventOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`, as Slack signs every request. */
export function slackSignature(signingSecret: string, timestampSec: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest('hex')}`;
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export class SignedSlackClient {
  protected readonly o: SignedSlackClientOptions;
  private readonly id: PayloadIdentity;
  private eventCounter = 0;
  private actionCounter = 0;

  constructor(o: SignedSlackClientOptions) {
    this.o = o;
    this.id = {
      teamId: o.teamId ?? o.fake.teamId,
      teamDomain: o.teamDomain ?? 'fake-team',
      apiAppId: o.apiAppId ?? 'A0FAKEAPP',
      token: o.verificationToken ?? 'fake-verification-token',
    };
  }

  private nowSec(): number {
    return Math.floor((this.o.now ?? Date.now)() / 1000);
  }

  /** Posts `body` with the given signing; `headers` are added (e.g. retry headers). */
  async post(body: string, contentType: string, signing: 'valid' | 'invalid' | 'none' | { ageSeconds: number } = 'valid', headers: Record<string, string> = {}): Promise<SlackHttpResponse> {
    const all: Record<string, string> = { 'content-type': contentType, ...headers };
    if (signing !== 'none') {
      const ts = this.nowSec() - (typeof signing === 'object' ? signing.ageSeconds : 0);
      all['x-slack-request-timestamp'] = String(ts);
      all['x-slack-signature'] = signing === 'invalid' ? slackSignature(`${this.o.signingSecret}-wrong`, ts, body) : slackSignature(this.o.signingSecret, ts, body);
    }
    const res = await fetch(this.o.appUrl, { method: 'POST', headers: all, body });
    const text = await res.text();
    const json = parseJson(text);
    return { status: res.status, body: text, ...(json !== undefined ? { json } : {}) };
  }

  unsigned(body: string, contentType = JSON_TYPE): Promise<SlackHttpResponse> {
    return this.post(body, contentType, 'none');
  }

  badlySigned(body: string, contentType = JSON_TYPE): Promise<SlackHttpResponse> {
    return this.post(body, contentType, 'invalid');
  }

  /** Correctly signed but older than Bolt's 5-minute window. */
  staleSigned(body: string, contentType = JSON_TYPE, ageSeconds = 600): Promise<SlackHttpResponse> {
    return this.post(body, contentType, { ageSeconds });
  }

  async command(text: string, o: CommandOptions): Promise<SlackHttpResponse & { responseUrl: string; triggerId: string }> {
    const { fake } = this.o;
    const responseUrl = fake.newResponseUrl(o.channel, o.user);
    const triggerId = fake.issueTrigger(o.user);
    const form = new URLSearchParams({
      token: this.id.token,
      team_id: this.id.teamId,
      team_domain: this.id.teamDomain,
      channel_id: o.channel,
      channel_name: channelName(fake, o.channel),
      user_id: o.user,
      user_name: fake.user(o.user)?.name ?? o.user.toLowerCase(),
      command: o.command ?? '/incident',
      text,
      api_app_id: this.id.apiAppId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    });
    const res = await this.post(form.toString(), FORM);
    return { ...res, responseUrl, triggerId };
  }

  private async blockAction(t: ClickTarget, action: (element: Record<string, unknown> | undefined) => Record<string, unknown>): Promise<ActionResponse> {
    const { fake } = this.o;
    const click = resolveClick(fake, t);
    const triggerId = fake.issueTrigger(t.user);
    const responseUrl = fake.newResponseUrl(click.channelId, t.user, click.message ? t.messageTs : undefined);
    this.actionCounter += 1;
    const actionTs = `${this.nowSec()}.${String(this.actionCounter).padStart(6, '0')}`;
    const payload = blockActionsPayload({
      id: this.id,
      user: userObject(fake, t.user, this.id.teamId),
      click,
      messageTs: t.messageTs,
      action: { action_id: t.actionId, block_id: click.blockId, ...action(click.element), action_ts: actionTs },
      triggerId,
      responseUrl,
      channelName: channelName(fake, click.channelId),
    });
    const res = await this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    return { ...res, responseUrl, triggerId, actionTs };
  }

  clickButton(c: ButtonClick): Promise<ActionResponse> {
    return this.blockAction(c, (element) => ({
      type: 'button',
      ...(isText(element?.text) ? { text: element.text } : {}),
      ...(c.value !== undefined ? { value: c.value } : {}),
    }));
  }

  selectOption(s: OptionSelection): Promise<ActionResponse> {
    return this.blockAction(s, (element) => ({
      type: typeof element?.type === 'string' ? element.type : 'static_select',
      selected_option: { text: { type: 'plain_text', text: s.text ?? optionText(element, s.value) ?? s.value, emoji: true }, value: s.value },
    }));
  }

  /** The person opens the app's Home tab: Slack sends `app_home_opened`, with the Home it shows them. */
  openHome(user: string): Promise<SlackHttpResponse & { eventId: string }> {
    return this.event(this.o.fake.homeOpenedEvent(user));
  }

  /**
   * A press on a button of the person's Home (the one with this action id, and value when several share it).
   * `homeOf` sends someone else's Home view instead, as a forged or confused client would.
   */
  async clickHomeButton(c: { user: string; actionId: string; value?: string; homeOf?: string }): Promise<SlackHttpResponse & { triggerId: string }> {
    const { fake } = this.o;
    const owner = c.homeOf ?? c.user;
    const view = fake.homeView(owner);
    const blocks = Array.isArray(view?.blocks) ? view.blocks : [];
    const found = findHomeButton(blocks, c.actionId, c.value);
    if (!view || !found) throw new Error(`fake-slack: no button ${c.actionId}${c.value === undefined ? '' : `=${c.value}`} on ${owner}'s Home`);
    const triggerId = fake.issueTrigger(c.user);
    this.actionCounter += 1;
    const action = {
      type: 'button',
      action_id: c.actionId,
      block_id: found.blockId,
      ...(isText(found.element.text) ? { text: found.element.text } : {}),
      ...(typeof found.element.value === 'string' ? { value: found.element.value } : {}),
      action_ts: `${this.nowSec()}.${String(this.actionCounter).padStart(6, '0')}`,
    };
    const payload = homeBlockActionsPayload({ id: this.id, user: userObject(fake, c.user, this.id.teamId), view, action, triggerId });
    const res = await this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    return { ...res, triggerId };
  }

  /** Submits a modal; then applies the bot's answer (close / errors / update / push / clear) to the fake. */
  async submitView(s: ViewSubmission): Promise<SlackHttpResponse & { triggerId: string; outcome: ViewSubmissionOutcome }> {
    const { fake } = this.o;
    if (s.view.closed) throw new Error(`submitView: view ${s.view.id} is already closed`);
    checkValuesFitView(s.view, s.values);
    const values = wireValues({ ...valuesFromView(s.view), ...s.values });
    const triggerId = fake.issueTrigger(s.user);
    const payload = viewSubmissionPayload(this.id, userObject(fake, s.user, this.id.teamId), s.view, values, triggerId, fake.botId);
    const res = await this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    const outcome = res.status === 200 ? fake.viewSubmitted(s.view.id, res.json) : { action: 'rejected' as const, reason: `HTTP ${res.status}` };
    return { ...res, triggerId, outcome };
  }

  /** An Events API callback; pass the same eventId with retryNum to simulate Slack's re-delivery. */
  async event(event: Record<string, unknown>, o: EventOptions = {}): Promise<SlackHttpResponse & { eventId: string }> {
    this.eventCounter += 1;
    const eventId = o.eventId ?? `Ev${String(this.eventCounter).padStart(8, '0')}FAKE`;
    const body = {
      token: this.id.token,
      team_id: this.id.teamId,
      context_team_id: this.id.teamId,
      api_app_id: this.id.apiAppId,
      event: { event_ts: `${this.nowSec()}.000000`, ...event },
      type: 'event_callback',
      event_id: eventId,
      event_time: this.nowSec(),
      authorizations: [{ enterprise_id: null, team_id: this.id.teamId, user_id: this.o.fake.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    };
    const headers: Record<string, string> = {};
    if (o.retryNum !== undefined) headers['x-slack-retry-num'] = String(o.retryNum);
    if (o.retryReason !== undefined) headers['x-slack-retry-reason'] = o.retryReason;
    const res = await this.post(JSON.stringify(body), JSON_TYPE, 'valid', headers);
    return { ...res, eventId };
  }
}

function isText(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && 'text' in v;
}

function optionText(element: Record<string, unknown> | undefined, value: string): string | undefined {
  const options = Array.isArray(element?.options) ? element.options : [];
  for (const o of options) {
    if (isText(o) && o.value === value && isText(o.text) && typeof o.text.text === 'string') return o.text.text;
  }
  return undefined;
}
