/**
 * The body of Alertmanager Slack notifications written with the common custom templates: one block per alert with
 * `*Alert:* summary - \`severity\`` (or `*Alert*:`, `📢 *Alert:*`), `*Description:*`, `*Graph:* <url|…>`, a label line
 * of its own (`*Severity:* critical`), and a label list under `*Details:*`, `*Labels*:` or `Labels:`
 * (`• *alertname:* \`X\``, `- *app*: \`x\``, ` - name = value`).
 */
import { slackLinks } from './slack-markup.js';

export interface AlertBlock {
  /** Labels shown on lines of their own (`*Severity:* critical`), outside a label list. */
  readonly shown: Readonly<Record<string, string>>;
  readonly summary: string;
  readonly severity: string | null;
  readonly description: string;
  readonly graph: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

interface MutableBlock {
  /** Labels shown on lines of their own (`*Severity:* critical`), outside a label list. */
  shown: Record<string, string>;
  summary: string;
  severity: string | null;
  description: string;
  graph: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

type Section = 'none' | 'details' | 'annotations';

/** A heading of the body, bold with the colon inside or out, maybe after an emoji: `*Alert:*`, `*Alert*:`, `*📌 Details:*`. */
const heading = (words: string): RegExp => new RegExp(`^\\s*(?::[a-z0-9_+-]+:\\s*|\\p{Extended_Pictographic}\\uFE0F?\\s*)*\\*?(?::[a-z0-9_+-]+:\\s*|\\p{Extended_Pictographic}\\uFE0F?\\s*)*(?:${words})(?::\\*|\\*:|:)`, 'iu');
const ALERT_LINE = new RegExp(`${heading('Alert').source}\\s*(.*)$`, 'iu');
const DESCRIPTION_LINE = heading('Description');
const GRAPH_LINE = heading('Graph');
const LIST_HEADING = new RegExp(`${heading('Details|Labels').source}\\s*$`, 'iu');
const ANNOTATIONS_HEADING = new RegExp(`${heading('Annotations').source}\\s*$`, 'iu');
/** The severity a summary line ends (or, in some templates, starts) with: `… - \`critical\``, `- \`warning\` Name`. */
const TRAILING_SEVERITY = /\s*-\s*`([^`\n]{1,40})`\s*/;
/** `• *alertname:* \`X\``, `- *app*: \`x\``, `- severity: critical` in a label list. */
const DETAIL_LINE = /^\s*(?:[•·*-]\s+)?\*?([A-Za-z_][\w./-]{0,99})(?::\*|\*:|:)\s*`?([^`\n]*?)`?\s*$/;
const LIST_LINE = /^\s*-\s*([A-Za-z_][\w./-]{0,99})\s*=\s*(.*)$/;
const ANNOTATION_LINE = /^\s*\*?(summary|description|message)\*?:\*?\s*(.+)$/i;
/** A label shown on a line of its own, outside any list: `*Severity:* critical`, `*Severity*: warning`. */
const LABEL_LINE = /^\s*\*?(severity|priority|service|app|team)(?::\*|\*:|:)\s*`?([\w.-]{1,60})`?\s*$/i;

const emptyBlock = (): MutableBlock => ({ shown: {}, summary: '', severity: null, description: '', graph: null, labels: {}, annotations: {} });

function firstRealLink(line: string): string | null {
  return slackLinks(line).find((link) => link.url !== '')?.url ?? null;
}

function readLine(line: string, block: MutableBlock, section: Section): Section {
  const alert = ALERT_LINE.exec(line);
  if (alert) {
    const content = alert[1] ?? '';
    const severity = TRAILING_SEVERITY.exec(content);
    block.severity = severity?.[1]?.trim() ?? null;
    block.summary = content.replace(TRAILING_SEVERITY, ' ').trim();
    return 'none';
  }
  const description = DESCRIPTION_LINE.exec(line);
  if (description) {
    block.description = line.slice(description[0].length).trim();
    return 'none';
  }
  if (GRAPH_LINE.test(line)) block.graph = firstRealLink(line.replace(/\*Runbook(?::\*|\*:).*$/, ''));
  if (LIST_HEADING.test(line)) return 'details';
  if (ANNOTATIONS_HEADING.test(line)) return 'annotations';
  const listed = section !== 'none' ? LIST_LINE.exec(line) : null;
  if (listed?.[1]) {
    (section === 'annotations' ? block.annotations : block.labels)[listed[1]] = (listed[2] ?? '').trim();
    return section;
  }
  const detail = section === 'details' ? DETAIL_LINE.exec(line) : null;
  if (detail?.[1]) {
    block.labels[detail[1]] = detail[2] ?? '';
    return section;
  }
  const labelLine = LABEL_LINE.exec(line);
  if (labelLine?.[1]) block.shown[labelLine[1].toLowerCase()] = labelLine[2] ?? '';
  const annotation = ANNOTATION_LINE.exec(line);
  if (annotation?.[1]) block.annotations[annotation[1].toLowerCase()] = annotation[2] ?? '';
  return section;
}

/** One block per `*Alert:*` line (or per `Labels:` list); text before the first one forms a block of its own. */
export function parseAlertBlocks(body: string): AlertBlock[] {
  const blocks: MutableBlock[] = [];
  let current = emptyBlock();
  let section: Section = 'none';
  let started = false;
  for (const line of body.split('\n')) {
    const opensAlert = ALERT_LINE.test(line) || (LIST_HEADING.test(line) && Object.keys(current.labels).length > 0);
    if (opensAlert && started) {
      blocks.push(current);
      current = emptyBlock();
    }
    started = true;
    section = readLine(line, current, section);
  }
  blocks.push(current);
  return blocks.filter((b) => b.summary !== '' || b.description !== '' || Object.keys(b.labels).length > 0 || Object.keys(b.annotations).length > 0 || Object.keys(b.shown).length > 0);
}

/** Labels every alert of the group shares (the group's common labels), or the first alert's when none are shared. */
export function commonLabels(blocks: readonly AlertBlock[]): Record<string, string> {
  const [first, ...others] = blocks;
  if (!first) return {};
  const shared = Object.fromEntries(
    Object.entries(first.labels).filter(([key, value]) => others.every((block) => block.labels[key] === value)),
  );
  return Object.keys(shared).length > 0 ? shared : { ...first.labels };
}
