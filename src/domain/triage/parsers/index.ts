/**
 * Alert channel messages in, one ParsedAlert out. Specific parsers are tried in order, each guarded so a bug in one
 * can never make parsing throw; whatever none of them claims is read by the generic parser.
 */
import type { AlertMessage, AlertParser, AlertSource, ParsedAlert } from '../alert.js';
import { alertmanagerParser } from './alertmanager.js';
import { cloudwatchParser } from './cloudwatch.js';
import { datadogParser } from './datadog.js';
import { parseGeneric } from './generic.js';
import { grafanaParser } from './grafana.js';
import { pagerdutyParser } from './pagerduty.js';
import { sentryParser } from './sentry.js';

/**
 * Most distinctive markers first: PagerDuty incident links win over the titles of the tools that paged; Grafana before
 * Alertmanager because both use the `[FIRING:N]` subject and only Grafana has markers of its own.
 */
export const ALERT_PARSERS: readonly AlertParser[] = [
  pagerdutyParser,
  sentryParser,
  datadogParser,
  cloudwatchParser,
  grafanaParser,
  alertmanagerParser,
];

export interface ParseExplanation {
  readonly parsed: ParsedAlert;
  /** The parser whose result was used. */
  readonly parser: AlertSource;
  /** Every parser asked, in order, ending with the one used. */
  readonly tried: AlertSource[];
}

/** Used only if the generic parser itself fails, so that callers always get an alert to store. */
function lastResort(): ParsedAlert {
  return {
    source: 'generic',
    status: 'firing',
    name: 'unparsed message',
    severity: null,
    service: null,
    summary: 'unparsed message',
    labels: {},
    count: 1,
    countIsTotal: false,
    link: null,
  };
}

export function explainParse(message: AlertMessage): ParseExplanation {
  const tried: AlertSource[] = [];
  for (const parser of ALERT_PARSERS) {
    tried.push(parser.source);
    let parsed: ParsedAlert | null = null;
    try {
      parsed = parser.parse(message);
    } catch {
      // A parser bug on odd input must not lose the message: the next parser (finally generic) reads it instead.
      parsed = null;
    }
    if (parsed) return { parsed, parser: parser.source, tried };
  }
  tried.push('generic');
  let parsed: ParsedAlert;
  try {
    parsed = parseGeneric(message);
  } catch {
    parsed = lastResort();
  }
  return { parsed, parser: 'generic', tried };
}

export function parseAlertMessage(message: AlertMessage): ParsedAlert {
  return explainParse(message).parsed;
}

export { alertmanagerParser, cloudwatchParser, datadogParser, grafanaParser, pagerdutyParser, sentryParser };
export { genericParser } from './generic.js';
