/**
 * Healthchecks.io's Slack integration (hc/integrations/slack/transport.py, formerly
 * templates/integrations/slack_message.json): username = the site name, one attachment coloured `good` (up) or
 * `danger`, fallback `The check "<name>" is DOWN.`, title `“<name>” is DOWN.` linking to the check (older versions put
 * it in `text`), text `Reason: …` or `The downtime lasted …`, and Description / Project / Tags / Period or Schedule /
 * Total Pings / Last Ping fields.
 */
import type { AlertParser, ParsedAlert } from '../alert.js';
import { fieldValue, type AttachmentView, type MessageView } from './message-view.js';
import { normaliseAlert } from './normalise-alert.js';
import { decodeEntities } from './slack-markup.js';

const FALLBACK = /^The check "(.{1,200})" is (UP|DOWN)\.$/;
const TITLE = /^“(.{1,200})” is (UP|DOWN)\.$/;

interface CheckState {
  readonly attachment: AttachmentView;
  readonly name: string;
  readonly up: boolean;
}

function checkState(view: MessageView): CheckState | null {
  for (const attachment of view.attachments) {
    for (const candidate of [attachment.title, attachment.fallback, attachment.text]) {
      const match = FALLBACK.exec(decodeEntities(candidate).trim()) ?? TITLE.exec(decodeEntities(candidate).trim());
      if (match?.[1] && match[2]) return { attachment, name: match[1], up: match[2] === 'UP' };
    }
  }
  return null;
}

function parseHealthchecks(view: MessageView): ParsedAlert | null {
  const state = checkState(view);
  if (!state) return null;
  const { attachment, name, up } = state;
  const project = fieldValue(view, /^Project$/)?.trim() || null;
  const tags = (fieldValue(view, /^Tags$/) ?? '').match(/`([^`]+)`/g)?.map((t) => t.slice(1, -1)) ?? [];
  const explanation = attachment.title !== '' && attachment.text !== '' && !TITLE.test(attachment.text.trim()) ? attachment.text.trim() : '';
  return normaliseAlert({
    source: 'healthchecks',
    status: up ? 'resolved' : 'firing',
    name,
    // Healthchecks has no severity: a check is up or down.
    severity: null,
    service: project,
    subject: `check ${name}`,
    summary: explanation ? `“${name}” is ${up ? 'UP' : 'DOWN'}. ${explanation}` : `“${name}” is ${up ? 'UP' : 'DOWN'}.`,
    labels: { ...(project ? { project } : {}), ...(tags.length > 0 ? { tags: tags.join(' ') } : {}) },
    count: up ? 0 : 1,
    countIsTotal: up,
    link: attachment.titleLink || null,
    reason: `Healthchecks.io check is ${up ? 'UP' : 'DOWN'}`,
  });
}

export const healthchecksParser: AlertParser = {
  source: 'healthchecks',
  detect: (view) => view.attachments.some((a) => / is (?:UP|DOWN)\.$/.test(a.fallback.trim()) || / is (?:UP|DOWN)\.$/.test(a.title.trim()) || / is (?:UP|DOWN)\.$/.test(a.text.trim())),
  parse: parseHealthchecks,
};
