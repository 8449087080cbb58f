/**
 * Triage accuracy and parsing speed on the cited fixtures (test/fixtures/alerts): per tool, fields right / fields
 * checked (kind, status, name, severity, service, count, grouping) and non-alerts read as firing; then how many
 * messages a second the parsers read, the way an alert storm arrives (a mix of every fixture).
 * Run: npm run bench:triage   (not a test: it prints numbers)
 */
import { loadAlertFixtures } from '../test/support/alert-fixtures.js';
import { accuracyTable, scoreAll } from '../test/support/fixture-accuracy.js';
import { parseAlertMessage } from '../src/domain/triage/parsers/index.js';

const fixtures = loadAlertFixtures();
const scores = scoreAll(fixtures);
console.log(accuracyTable(scores));
for (const score of scores) for (const miss of score.misses) console.log(`  miss ${score.tool}/${miss}`);

const ROUNDS = Number(process.env.TRIAGE_BENCH_ROUNDS ?? 1_000);
const messages = fixtures.map((f) => f.message);
for (let i = 0; i < 20; i += 1) for (const m of messages) parseAlertMessage(m);
const started = performance.now();
for (let i = 0; i < ROUNDS; i += 1) for (const m of messages) parseAlertMessage(m);
const seconds = (performance.now() - started) / 1000;
const total = ROUNDS * messages.length;
console.log(`\nparsing: ${total} messages (${messages.length} fixtures × ${ROUNDS}) in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} messages/s, ${((seconds * 1e6) / total).toFixed(0)} µs each`);
