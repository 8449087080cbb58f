/** The page's JSON API: each route parses its body with zod and does one thing a person (or a scenario) does. */
import { z } from 'zod';
import type { SimpleValue } from '../test/fake-slack/slack-client.js';
import { commandText, messageText, type Directory } from './composer-text.js';
import type { ElementTarget, Outcome, PersonActions } from './person-actions.js';
import type { Scenarios } from './scenarios/scenarios.js';
import type { ActionAnswer } from './web/state.js';

export interface ApiDeps {
  readonly actions: PersonActions;
  readonly scenarios: Scenarios;
  readonly people: ReadonlySet<string>;
  readonly directory: () => Directory;
  readonly fastForwardMs: number;
}

const person = z.string().min(1);
const ts = z.string().regex(/^\d+\.\d+$/, 'must be a Slack message ts like 1700000000.000100');
const text = z.string().trim().min(1, 'must not be empty').max(40_000, 'must be at most 40,000 characters');
const channel = z.string().regex(/^[CGD][A-Z0-9]+$/, 'must be a channel id like C0GENERAL');

const element = z.object({
  as: person,
  channel,
  messageTs: ts,
  actionId: z.string().min(1).max(255),
  blockId: z.string().min(1).max(255),
  ephemeral: z.boolean().default(false),
});

const simpleValue: z.ZodType<SimpleValue> = z.union([z.string().max(3_000), z.null(), z.array(z.string().max(3_000)).max(100)]);

interface Route<S extends z.ZodType> {
  readonly body: S;
  readonly run: (deps: ApiDeps, input: z.output<S>) => Promise<ActionAnswer> | ActionAnswer;
}

const route = <S extends z.ZodType>(body: S, run: Route<S>['run']): Route<S> => ({ body, run });

const answer = (outcome: Outcome<{ notice?: string }>): ActionAnswer =>
  outcome.ok ? { ok: true, ...(outcome.notice ? { notice: outcome.notice } : {}) } : { ok: false, error: outcome.error };

const targetOf = (input: z.output<typeof element>): ElementTarget => ({
  user: input.as,
  channel: input.channel,
  messageTs: input.messageTs,
  actionId: input.actionId,
  blockId: input.blockId,
  ephemeral: input.ephemeral,
});

const unknownCommand = (command: string): string =>
  `${command} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.\n\n` +
  'If you are trying to send a message and not run a command, try preceding the "/" with an empty space.';

/** `/incident declare x` → command `/incident`, text `declare x`. */
const SLASH = /^(\/[a-z0-9_-]+)(?:\s+([\s\S]*))?$/i;

const ROUTES = {
  message: route(z.object({ as: person, channel, text, threadTs: ts.optional() }), async (d, i) => {
    const slash = SLASH.exec(i.text);
    if (slash) {
      const command = (slash[1] ?? '').toLowerCase();
      // Slack answers a command no app installed itself (Slackbot, only you see it); nothing reaches the bot.
      if (command !== '/incident') return { ok: true, slackbot: unknownCommand(command) };
      return answer(await d.actions.command({ user: i.as, channel: i.channel, command, text: commandText((slash[2] ?? '').trim(), d.directory()) }));
    }
    return answer(await d.actions.postMessage({ user: i.as, channel: i.channel, text: messageText(i.text, d.directory()), ...(i.threadTs ? { threadTs: i.threadTs } : {}) }));
  }),
  click: route(element.extend({ value: z.string().max(2_000).optional() }), async (d, i) => answer(await d.actions.click(targetOf(i), i.value))),
  select: route(element.extend({ value: z.string().max(150), text: z.string().max(150).optional() }), async (d, i) =>
    answer(await d.actions.select(targetOf(i), i.value, i.text)),
  ),
  'view-submit': route(z.object({ as: person, viewId: z.string().min(1), values: z.record(z.string(), simpleValue) }), async (d, i) => {
    const done = await d.actions.submitView({ user: i.as, viewId: i.viewId, values: i.values });
    if (!done.ok) return done;
    const { outcome } = done;
    if (outcome.action === 'errors') {
      const errors = Object.fromEntries(Object.entries(outcome.errors).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
      return { ok: true, errors };
    }
    if (outcome.action === 'rejected') return { ok: false, error: `Slack refused the app's answer (${outcome.reason}); the form stays open.` };
    return { ok: true };
  }),
  'home-open': route(z.object({ as: person }), async (d, i) => answer(await d.actions.openHome(i.as))),
  'home-click': route(z.object({ as: person, actionId: z.string().min(1).max(255), value: z.string().max(2_000).optional() }), async (d, i) =>
    answer(await d.actions.clickHome(i.as, i.actionId, i.value)),
  ),
  'view-close': route(z.object({ as: person, viewId: z.string().min(1) }), (d, i) => answer(d.actions.closeView({ user: i.as, viewId: i.viewId }))),
  join: route(z.object({ as: person, channel }), (d, i) => answer(d.actions.join({ user: i.as, channel: i.channel }))),
  pin: route(z.object({ as: person, channel, ts }), async (d, i) => answer(await d.actions.pin({ user: i.as, channel: i.channel, ts: i.ts }))),
  react: route(z.object({ as: person, channel, ts, name: z.string().regex(/^[a-z0-9_+'-]{1,100}$/) }), async (d, i) =>
    answer(await d.actions.react({ user: i.as, channel: i.channel, ts: i.ts, name: i.name })),
  ),
  edit: route(z.object({ as: person, channel, ts, text }), async (d, i) =>
    answer(await d.actions.edit({ user: i.as, channel: i.channel, ts: i.ts, text: messageText(i.text, d.directory()) })),
  ),
  delete: route(z.object({ as: person, channel, ts }), async (d, i) => answer(await d.actions.remove({ user: i.as, channel: i.channel, ts: i.ts }))),
  storm: route(z.object({}), (d) => answer(d.scenarios.startStorm())),
  'resolve-alerts': route(z.object({}), (d) => answer(d.scenarios.resolveAlerts())),
  'fast-forward': route(z.object({}), async (d) => answer(await d.scenarios.fastForward(d.fastForwardMs))),
} as const;

export type ApiRouteName = keyof typeof ROUTES;

const isRoute = (name: string): name is ApiRouteName => Object.hasOwn(ROUTES, name);

/** Runs one API call; bad input gets one specific sentence back, and changes nothing. */
export async function runApi(deps: ApiDeps, name: string, raw: unknown): Promise<{ status: number; body: ActionAnswer }> {
  if (!isRoute(name)) return { status: 404, body: { ok: false, error: `no such action: ${name}` } };
  const r: Route<z.ZodType> = ROUTES[name];
  const parsed = r.body.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { status: 400, body: { ok: false, error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` } };
  }
  const input = parsed.data as { as?: unknown };
  if (typeof input.as === 'string' && !deps.people.has(input.as)) return { status: 400, body: { ok: false, error: `as: ${input.as} is not one of the demo people` } };
  const body = await r.run(deps, parsed.data);
  return { status: body.ok ? 200 : 409, body };
}
