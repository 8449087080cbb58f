import { alertFromMessage } from '../../src/domain/alerts/from-message.js';
import { isOpenStatus, type ParsedAlert } from '../../src/domain/triage/alert.js';
import { parseAlertMessage } from '../../src/domain/triage/parsers/index.js';
import { replayTriage, type ReplayGroup, type ReplayMessage } from '../../src/domain/triage/replay.js';
import type { AlertFixture } from './alert-fixtures.js';

/** The fields a person checks in a triage reply; each counts once per fixture that states it. */
export const CHECKED_FIELDS = ['kind', 'status', 'name', 'severity', 'service', 'count'] as const;

export interface ToolAccuracy {
  readonly tool: string;
  readonly fixtures: number;
  readonly right: number;
  readonly checked: number;
  /** Messages that are not a problem (a tool's success or info post, talk) read as firing. */
  readonly falseFiring: number;
  /** Failure posts (expected firing or acknowledged) read as nothing wrong: no group, no reply. */
  readonly failuresIgnored: number;
  /** People's messages that are not a report (a question, talk) read as firing. */
  readonly questionsFiring: number;
  /** `file: field expected … got …`, for the test to show. */
  readonly misses: readonly string[];
}

/** Each tool's fixtures in one alert channel, as posted: the live rules (60m window, grouped by alertname and service). */
const SETTINGS = { groupWindowMs: 3_600_000, groupBy: ['alertname', 'service'], rules: [] } as const;

const same = (expected: unknown, actual: unknown): boolean =>
  typeof expected === 'string' && typeof actual === 'string' ? expected.trim().toLowerCase() === actual.trim().toLowerCase() : expected === actual;

const tsOf = (fixture: AlertFixture, index: number): string => `${Math.floor(fixture.postedAt.getTime() / 1000)}.${String(index).padStart(6, '0')}`;

/**
 * Scores one tool: every field a fixture states (what a person reading the message would say) against what the bot
 * read, plus grouping — the fixture's message ends up in a group exactly with the fixtures of the same problem label
 * (none for null), and the problems it `resolves` end resolved.
 */
export function scoreTool(tool: string, fixtures: readonly AlertFixture[]): ToolAccuracy {
  const ordered = [...fixtures].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime() || a.file.localeCompare(b.file));
  const ts = new Map(ordered.map((f, i) => [f.file, tsOf(f, i)]));
  const parsed = new Map<string, ParsedAlert>(ordered.map((f) => [f.file, parseAlertMessage(f.message)]));
  const messages: ReplayMessage[] = ordered
    .filter((f) => f.edits === null)
    .map((f) => ({
      channelId: 'C0ALERTS',
      ts: ts.get(f.file) ?? '',
      at: f.postedAt,
      text: f.message.text,
      parsed: alertFromMessage(parsed.get(f.file) as ParsedAlert),
      revisions: ordered.filter((e) => e.edits === f.file).map((e) => ({ at: e.postedAt, text: e.message.text, parsed: alertFromMessage(parsed.get(e.file) as ParsedAlert) })),
    }));
  const { groups } = replayTriage(messages, SETTINGS);
  const groupOf = (f: AlertFixture): ReplayGroup | undefined => {
    const messageTs = ts.get(f.edits ?? f.file);
    return groups.find((g) => messageTs !== undefined && g.members.includes(messageTs));
  };
  const labelled = (label: string): ReplayGroup[] =>
    ordered.filter((f) => f.group === label).flatMap((f) => groupOf(f) ?? []);

  let right = 0;
  let checked = 0;
  let falseFiring = 0;
  let failuresIgnored = 0;
  let questionsFiring = 0;
  const misses: string[] = [];
  const check = (fixture: AlertFixture, field: string, ok: boolean, detail: string): void => {
    checked += 1;
    if (ok) right += 1;
    else misses.push(`${fixture.file}: ${field} ${detail}`);
  };
  for (const fixture of ordered) {
    const actual = parsed.get(fixture.file) as ParsedAlert;
    const expected = fixture.expected as Record<string, unknown>;
    const got = actual as unknown as Record<string, unknown>;
    for (const field of CHECKED_FIELDS) {
      if (!(field in expected)) continue;
      check(fixture, field, same(expected[field], got[field]), `expected ${JSON.stringify(expected[field])}, got ${JSON.stringify(got[field])}`);
    }
    const group = groupOf(fixture);
    const { group: label } = fixture;
    let grouped: boolean;
    if (label === null) grouped = group === undefined;
    else if (typeof label === 'string') {
      const others = ordered.filter((f) => f !== fixture && f.edits === null && fixture.edits !== f.file);
      grouped = group !== undefined && others.every((f) => (f.group === label) === (groupOf(f)?.id === group.id) || Array.isArray(f.group));
    } else grouped = group !== undefined && label.some((l) => labelled(l).some((g) => g.id === group.id));
    const resolved = fixture.resolves.every((l) => labelled(l).every((g) => g.counts.status === 'resolved'));
    check(fixture, 'group', grouped && resolved, `expected ${JSON.stringify(label)}${fixture.resolves.length ? ` resolving ${fixture.resolves.join(', ')}` : ''}, got group ${group?.id ?? 'none'}`);
    const problem = isOpenStatus(fixture.expected.status);
    if (!problem && isOpenStatus(actual.status)) {
      falseFiring += 1;
      if (fixture.expected.kind === 'person') questionsFiring += 1;
      misses.push(`${fixture.file}: read as firing, but it is not a problem (${actual.reason})`);
    }
    if (problem && !isOpenStatus(actual.status)) {
      failuresIgnored += 1;
      misses.push(`${fixture.file}: a failure post read as ${actual.status} (${actual.reason})`);
    }
  }
  return { tool, fixtures: ordered.length, right, checked, falseFiring, failuresIgnored, questionsFiring, misses };
}

export function scoreAll(fixtures: readonly AlertFixture[]): ToolAccuracy[] {
  const tools = [...new Set(fixtures.map((f) => f.tool))].sort();
  return tools.map((tool) => scoreTool(tool, fixtures.filter((f) => f.tool === tool)));
}

const percent = (right: number, checked: number): string => `${((100 * right) / Math.max(1, checked)).toFixed(1)} %`;

const sum = (scores: readonly ToolAccuracy[], pick: (s: ToolAccuracy) => number): number => scores.reduce((n, s) => n + pick(s), 0);

function fieldsCell(score: Pick<ToolAccuracy, 'right' | 'checked'> | undefined): string {
  return score ? `${score.right} / ${score.checked} (${percent(score.right, score.checked)})` : '—';
}

/**
 * The table the README shows and `npm run bench:triage` prints: per tool, fields right / fields checked on the
 * parsers' own fixtures and on the held-out set side by side, then the outcomes that matter most as rows of their own:
 * failure posts ignored, questions read as firing, and any non-alert read as firing. A second held-out set, when
 * given, gets two more columns: it is kept apart from the first because the first has been read to fix the parsers.
 */
export function accuracyTable(
  own: readonly ToolAccuracy[],
  heldOut: readonly ToolAccuracy[] | null = null,
  heldOut2: readonly ToolAccuracy[] | null = null,
): string {
  const tools = [...new Set([...own, ...(heldOut ?? []), ...(heldOut2 ?? [])].map((s) => s.tool))].sort();
  const find = (scores: readonly ToolAccuracy[] | null, tool: string): ToolAccuracy | undefined => scores?.find((s) => s.tool === tool);
  const column = (scores: readonly ToolAccuracy[] | null, pick: (s: readonly ToolAccuracy[]) => string): string => (scores ? pick(scores) : '—');
  const second = heldOut2 !== null;
  const extra = (cells: string): string => (second ? ` ${cells} |` : '');
  const setCells = (scores: readonly ToolAccuracy[] | null, tool: string): string => {
    const score = find(scores, tool);
    return `${scores ? (score?.fixtures ?? 0) : '—'} | ${scores ? fieldsCell(score) : '—'}`;
  };
  const rows = tools.map((tool) => {
    const o = find(own, tool);
    return `| ${tool} | ${o?.fixtures ?? 0} | ${fieldsCell(o)} | ${setCells(heldOut, tool)} |${extra(setCells(heldOut2, tool))}`;
  });
  const total = (scores: readonly ToolAccuracy[]): Pick<ToolAccuracy, 'right' | 'checked'> => ({ right: sum(scores, (s) => s.right), checked: sum(scores, (s) => s.checked) });
  const countCells = (scores: readonly ToolAccuracy[] | null, pick: (s: ToolAccuracy) => number): string => ` | ${column(scores, (all) => String(sum(all, pick)))}`;
  const countRow = (label: string, pick: (s: ToolAccuracy) => number): string =>
    `| ${label} | | ${sum(own, pick)} |${countCells(heldOut, pick)} |${extra(countCells(heldOut2, pick).slice(1))}`;
  const totalCells = (scores: readonly ToolAccuracy[] | null): string =>
    `${column(scores, (all) => String(sum(all, (s) => s.fixtures)))} | ${column(scores, (all) => fieldsCell(total(all)))}`;
  return [
    `| tool | own fixtures | own: fields right / checked | held-out fixtures | held-out: fields right / checked |${extra('held-out 2 fixtures | held-out 2: fields right / checked')}`,
    `| --- | --- | --- | --- | --- |${extra('--- | ---')}`,
    ...rows,
    `| **all** | ${sum(own, (s) => s.fixtures)} | ${fieldsCell(total(own))} | ${totalCells(heldOut)} |${extra(totalCells(heldOut2))}`,
    countRow('**failure posts ignored**', (s) => s.failuresIgnored),
    countRow('**questions read as firing**', (s) => s.questionsFiring),
    countRow('**non-alerts read as firing**', (s) => s.falseFiring),
  ].join('\n');
}
