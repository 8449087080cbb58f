/**
 * The body of Alertmanager Slack notifications written with the common custom templates: one block per alert with
 * `*Alert:* summary - \`severity\``, `*Description:*`, `*Graph:* <url|…>`, and `*Details:*` label lines
 * (`• *alertname:* \`X\``), or the `Labels:` / ` - name = value` list of Alertmanager's own text templates.
 */
import { slackLinks } from './slack-markup.js';

export interface AlertBlock {
  readonly summary: string;
  readonly severity: string | null;
  readonly description: string;
  readonly graph: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

interface MutableBlock {
  summary: string;
  severity: string | null;
  description: string;
  graph: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

type Section = 'none' | 'details' | 'labels' | 'annotations';

const ALERT_LINE = /\*Alert:\*\s*(.*)$/;
const TRAILING_SEVERITY = /\s*-\s*`([^`\n]{1,40})`\s*/;
const DETAIL_LINE = /^\s*(?:[•·*-]\s+)?\*?([A-Za-z_][\w./-]{0,99}):\*?\s*`([^`\n]*)`\s*$/;
const LIST_LINE = /^\s*-\s*([A-Za-z_][\w./-]{0,99})\s*=\s*(.*)$/;
const ANNOTATION_LINE = /^\s*\*?(summary|description|message)\*?:\*?\s*(.+)$/i;

const emptyBlock = (): MutableBlock => ({ summary: '', severity: null, description: '', graph: null, labels: {}, annotations: {} });

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
  if (/\*Description:\*/.test(line)) {
    block.description = line.replace(/^.*?\*Description:\*\s*/, '');
    return 'none';
  }
  if (/\*Graph:\*/.test(line)) block.graph = firstRealLink(line.replace(/\*Runbook:\*.*$/, ''));
  if (/\*Details:\*/.test(line)) return 'details';
  if (/^\s*Labels:\s*$/.test(line)) return 'labels';
  if (/^\s*Annotations:\s*$/.test(line)) return 'annotations';
  const detail = section === 'details' ? DETAIL_LINE.exec(line) : null;
  if (detail?.[1]) block.labels[detail[1]] = detail[2] ?? '';
  const listed = section === 'labels' || section === 'annotations' ? LIST_LINE.exec(line) : null;
  if (listed?.[1]) (section === 'labels' ? block.labels : block.annotations)[listed[1]] = (listed[2] ?? '').trim();
  if (!listed && !detail) {
    const annotation = ANNOTATION_LINE.exec(line);
    if (annotation?.[1]) block.annotations[annotation[1].toLowerCase()] = annotation[2] ?? '';
  }
  return section;
}

/** One block per `*Alert:*` line (or per `Labels:` list); text before the first one forms a block of its own. */
export function parseAlertBlocks(body: string): AlertBlock[] {
  const blocks: MutableBlock[] = [];
  let current = emptyBlock();
  let section: Section = 'none';
  let started = false;
  for (const line of body.split('\n')) {
    const opensAlert = ALERT_LINE.test(line) || (/^\s*Labels:\s*$/.test(line) && Object.keys(current.labels).length > 0);
    if (opensAlert && started) {
      blocks.push(current);
      current = emptyBlock();
    }
    started = true;
    section = readLine(line, current, section);
  }
  blocks.push(current);
  return blocks.filter((b) => b.summary !== '' || b.description !== '' || Object.keys(b.labels).length > 0 || Object.keys(b.annotations).length > 0);
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
