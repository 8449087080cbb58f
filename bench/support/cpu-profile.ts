/**
 * Reads a V8 CPU profile (`node --cpu-prof`) for one window of time: the self time of each function and of each
 * package, so a benchmark can print where a process spent one storm (the first after start, or a later one) rather
 * than its whole life. Windows are on the monotonic clock that both V8's profiles and `process.hrtime` read, so the
 * load generator can mark them from another process.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A window on the monotonic clock, in microseconds (`process.hrtime.bigint() / 1000n`). */
export interface Window {
  readonly fromUs: number;
  readonly toUs: number;
}

export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

export interface Entry {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

export interface WindowReport {
  readonly ms: number;
  /** Share of the window the process was not idle. */
  readonly busy: number;
  readonly functions: readonly Entry[];
  readonly packages: readonly Entry[];
}

/** Where a frame's code lives, coarsely: a package, the bot's own code, Node's internals, or V8's own work. */
function packageOf(frame: ProfileNode['callFrame']): string {
  if (frame.url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (dependency) return dependency[1] ?? frame.url;
  if (frame.url.startsWith('node:')) return 'node internals';
  const own = /\/(src|migrations)\/([^/]+)/.exec(frame.url);
  return own ? `bot ${own[1]}/${own[2]}` : frame.url;
}

const place = (frame: ProfileNode['callFrame']): string => {
  const file = frame.url.replace(/^.*\/(node_modules\/)?/, '');
  return file === '' ? '' : ` ${file}:${frame.lineNumber + 1}`;
};

function top(totals: Map<string, number>, windowMs: number, count: number): Entry[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms, share: ms / windowMs }));
}

/** Self time per function and per package in `window`; `count` entries of each. */
export function readWindow(path: string, window: Window, count = 15): WindowReport {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let at = profile.startTime;
  let total = 0;
  let idle = 0;
  for (const [i, sample] of profile.samples.entries()) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < window.fromUs || at > window.toUs) continue;
    const frame = byId.get(sample)?.callFrame;
    if (!frame) continue;
    const ms = (profile.timeDeltas[i + 1] ?? delta) / 1000;
    total += ms;
    if (frame.functionName === '(idle)') idle += ms;
    const name = `${frame.functionName || '(anonymous)'}${place(frame)}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    const pkg = packageOf(frame);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
  }
  const windowMs = Math.max(1, total);
  return { ms: total, busy: total === 0 ? 0 : 1 - idle / total, functions: top(functions, windowMs, count), packages: top(packages, windowMs, count) };
}

/** The report as lines of text, for the benchmark's output and a closing note. */
export function formatWindow(title: string, report: WindowReport): string {
  const row = (e: Entry) => `  ${(e.share * 100).toFixed(1).padStart(5)} %  ${e.ms.toFixed(0).padStart(6)} ms  ${e.name}`;
  return [
    `${title}: ${(report.ms / 1000).toFixed(2)} s, ${(report.busy * 100).toFixed(0)} % busy; self time by function:`,
    ...report.functions.map(row),
    '  by package:',
    ...report.packages.map(row),
  ].join('\n');
}
