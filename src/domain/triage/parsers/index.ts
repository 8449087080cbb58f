/**
 * Alert channel messages in, one ParsedAlert out. The message is read once (message-view.ts); each parser's cheap
 * `detect` (a username, a link host, a title prefix) picks the few parsers worth running, so an alert storm does not
 * go through every parser. Each parse is guarded so a bug in one can never make parsing throw; whatever no parser
 * claims is read by the generic parser (people and unknown integrations).
 *
 * Fail safe for tools: a parser may read a tool's post as nothing wrong (info, or a success that resolves) only when
 * the post says so. When it carries a failure signal in its headline (red colour, ❌, "failed" …) and no success or
 * info statement there, the post is read by the generic reader as firing, under the tool that claimed it: silence
 * about a failure is the worst outcome an alert channel has.
 */
import { isOpenStatus, type AlertMessage, type AlertParser, type AlertSource, type ParsedAlert } from '../alert.js';
import { alertmanagerParser } from './alertmanager.js';
import { argocdParser } from './argocd.js';
import { cloudwatchParser } from './cloudwatch.js';
import { datadogParser } from './datadog.js';
import { fluxParser } from './flux.js';
import { parseGeneric, parseIntegration } from './generic.js';
import { githubActionsParser } from './github-actions.js';
import { grafanaParser } from './grafana.js';
import { healthchecksParser } from './healthchecks.js';
import { kubernetesEventsParser } from './kubernetes-events.js';
import { viewMessage, type MessageView } from './message-view.js';
import { pagerdutyParser } from './pagerduty.js';
import { MAX_SUMMARY } from './normalise-alert.js';
import { readPostSignals, type Signal } from './post-signals.js';
import { oneLine } from './slack-markup.js';
import { sentryParser } from './sentry.js';
import { uptimeKumaParser } from './uptime-kuma.js';
import { zabbixParser } from './zabbix.js';

/**
 * Most distinctive markers first: PagerDuty incident links win over the titles of the tools that paged; Grafana before
 * Alertmanager because both use the `[FIRING:N]` subject and only Grafana has markers of its own.
 */
export const ALERT_PARSERS: readonly AlertParser[] = [
  pagerdutyParser,
  sentryParser,
  datadogParser,
  zabbixParser,
  healthchecksParser,
  uptimeKumaParser,
  fluxParser,
  argocdParser,
  githubActionsParser,
  kubernetesEventsParser,
  cloudwatchParser,
  grafanaParser,
  alertmanagerParser,
];

export interface ParseExplanation {
  readonly parsed: ParsedAlert;
  /** The parser whose result was used. */
  readonly parser: AlertSource;
  /** Every parser whose `detect` claimed the message, in order, ending with the one used. */
  readonly tried: AlertSource[];
}

/** Used only if the generic parser itself fails, so that callers always get something to store. */
function lastResort(): ParsedAlert {
  return {
    source: 'generic',
    kind: 'notice',
    status: 'info',
    name: 'unparsed message',
    severity: null,
    service: null,
    subject: null,
    summary: 'unparsed message',
    labels: {},
    count: 0,
    countIsTotal: true,
    link: null,
    reason: 'could not be read: stored as it came',
  };
}

function guarded<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    // A parser bug on odd input must not lose the message: the next parser (finally generic) reads it instead.
    return fallback;
  }
}

type QuietCheck = { readonly overlooked: Signal } | { readonly decidedBy: string } | null;

/**
 * A tool's post its parser read as nothing wrong: the failure signal that reading overlooks (one in the headline, with
 * nothing there saying success or info), or else what in the post says it is quiet, for `triage explain`.
 */
function checkQuietReading(view: MessageView, parsed: ParsedAlert): QuietCheck {
  if (!(view.isBot || view.username !== '') || isOpenStatus(parsed.status)) return null;
  const { headline, headlineQuiet } = readPostSignals(view);
  if (headline?.kind === 'failure' && headlineQuiet.length === 0) return { overlooked: headline };
  const quiet = headlineQuiet[0];
  return { decidedBy: quiet ? `decided by ${quiet.said}` : 'no failure signal in its colour, title, fallback, text or blocks' };
}

/** The reason a quiet reading was kept, with the signal that decided it (unless the parser's reason already names it). */
function withDecidingSignal(parsed: ParsedAlert, decidedBy: string): ParsedAlert {
  if (parsed.reason.includes(decidedBy.replace(/^decided by /, ''))) return parsed;
  return { ...parsed, reason: oneLine(`${parsed.reason}; ${decidedBy}`, MAX_SUMMARY) };
}

export function explainParse(message: AlertMessage): ParseExplanation {
  const view = guarded(() => viewMessage(message), null);
  if (!view) return { parsed: lastResort(), parser: 'generic', tried: ['generic'] };
  const tried: AlertSource[] = [];
  for (const parser of ALERT_PARSERS) {
    if (!guarded(() => parser.detect(view), false)) continue;
    tried.push(parser.source);
    const parsed = guarded(() => parser.parse(view), null);
    if (!parsed) continue;
    const check = guarded(() => checkQuietReading(view, parsed), null);
    if (check === null) return { parsed, parser: parser.source, tried };
    if ('decidedBy' in check) return { parsed: withDecidingSignal(parsed, check.decidedBy), parser: parser.source, tried };
    tried.push('generic');
    const readAs = `${parsed.status} (${parsed.reason})`;
    return { parsed: guarded(() => parseIntegration(view, { source: parser.source, readAs, signal: check.overlooked }), parsed), parser: 'generic', tried };
  }
  tried.push('generic');
  return { parsed: guarded(() => parseGeneric(view), lastResort()), parser: 'generic', tried };
}

export function parseAlertMessage(message: AlertMessage): ParsedAlert {
  return explainParse(message).parsed;
}

export { genericParser } from './generic.js';
export { viewMessage } from './message-view.js';
