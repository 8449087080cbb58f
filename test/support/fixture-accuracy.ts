import { alertFromMessage } from '../../src/domain/alerts/from-message.js';
import type { ParsedAlert } from '../../src/domain/triage/alert.js';
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
    const problem = fixture.expected.status === 'firing' || fixture.expected.status === 'acknowledged';
    if (!problem && (actual.status === 'firing' || actual.status === 'acknowledged')) falseFiring += 1;
  }
  return { tool, fixtures: ordered.length, right, checked, falseFiring, misses };
}

export function scoreAll(fixtures: readonly AlertFixture[]): ToolAccuracy[] {
  const tools = [...new Set(fixtures.map((f) => f.tool))].sort();
  return tools.map((tool) => scoreTool(tool, fixtures.filter((f) => f.tool === tool)));
}

const percent = (right: number, checked: number): string => `${((100 * right) / Math.max(1, checked)).toFixed(1)} %`;

/** The table the README shows: fields right / fields checked per tool, and non-alerts read as firing. */
export function accuracyTable(scores: readonly ToolAccuracy[]): string {
  const rows = scores.map((s) => `| ${s.tool} | ${s.fixtures} | ${s.right} / ${s.checked} | ${percent(s.right, s.checked)} | ${s.falseFiring} |`);
  const right = scores.reduce((n, s) => n + s.right, 0);
  const checked = scores.reduce((n, s) => n + s.checked, 0);
  const falseFiring = scores.reduce((n, s) => n + s.falseFiring, 0);
  const fixtures = scores.reduce((n, s) => n + s.fixtures, 0);
  return [
    '| tool | fixtures | fields right / checked | accuracy | non-alerts read as firing |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    `| **all** | ${fixtures} | ${right} / ${checked} | ${percent(right, checked)} | ${falseFiring} |`,
  ].join('\n');
}
