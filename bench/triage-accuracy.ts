/**
 * Triage accuracy and parsing speed. Accuracy per tool, fields right / fields checked (kind, status, name, severity,
 * service, count, grouping), on the parsers' own cited fixtures (test/fixtures/alerts) and on the held-out set
 * (test/fixtures/alerts-heldout, written from other sources without reading the parsers) and on the second held-out
 * set (test/fixtures/alerts-heldout-2, from senders neither earlier set uses, written after the first was read) in
 * separate columns; then
 * failure posts ignored, questions read as firing and non-alerts read as firing; then how many messages a second the
 * parsers read, the way an alert storm arrives (a mix of every fixture).
 * Run: npm run bench:triage   (not a test: it prints numbers)
 */
import { loadAlertFixtures, loadHeldOut2Fixtures, loadHeldOutFixtures } from '../test/support/alert-fixtures.js';
import { accuracyTable, scoreAll, type ToolAccuracy } from '../test/support/fixture-accuracy.js';
import { parseAlertMessage } from '../src/domain/triage/parsers/index.js';

const fixtures = loadAlertFixtures();
const heldOutFixtures = loadHeldOutFixtures();
const own = scoreAll(fixtures);
const heldOut = heldOutFixtures ? scoreAll(heldOutFixtures) : null;
const heldOut2Fixtures = loadHeldOut2Fixtures();
const heldOut2 = heldOut2Fixtures ? scoreAll(heldOut2Fixtures) : null;
console.log(accuracyTable(own, heldOut, heldOut2));
if (!heldOut) console.log('\n(no held-out set yet: test/fixtures/alerts-heldout/<tool>/ is empty)');
const printMisses = (set: string, scores: readonly ToolAccuracy[]): void => {
  for (const score of scores) for (const miss of score.misses) console.log(`  ${set} miss ${score.tool}/${miss}`);
};
printMisses('own', own);
if (heldOut) printMisses('held-out', heldOut);
if (heldOut2) printMisses('held-out-2', heldOut2);

const ROUNDS = Number(process.env.TRIAGE_BENCH_ROUNDS ?? 1_000);
const messages = fixtures.map((f) => f.message);
for (let i = 0; i < 20; i += 1) for (const m of messages) parseAlertMessage(m);
const started = performance.now();
const cpuBefore = process.cpuUsage();
for (let i = 0; i < ROUNDS; i += 1) for (const m of messages) parseAlertMessage(m);
const cpu = process.cpuUsage(cpuBefore);
const seconds = (performance.now() - started) / 1000;
const total = ROUNDS * messages.length;
// CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
console.log(
  `\nparsing: ${total} messages (${messages.length} fixtures × ${ROUNDS}) in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} messages/s, ${((seconds * 1e6) / total).toFixed(0)} µs each (${((cpu.user + cpu.system) / total).toFixed(0)} µs of CPU)`,
);
