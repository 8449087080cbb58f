/**
 * Drafting a big incident: INC-1 with 5,000 timeline events (alerts, notes, pins, updates; some 3,000-character
 * texts) and 10 follow-ups in a SQLite file. Times, over 20 runs after 3 warm-ups: reading the record, building the
 * draft and writing markdown + JSON (`composeDraft`, what resolving and `/incident postmortem` do), and laying it out
 * as Slack messages (`renderDraftMessages`, what posting does). Prints median and p99 (nearest rank).
 * Run: npm run bench:postmortem   (not a test: it prints numbers)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeDraft, TEAM_URL_KEY, type DraftContext } from '../src/app/postmortem.js';
import { migrateToLatest, openDatabase } from '../src/db/connection.js';
import { createStore } from '../src/db/store.js';
import { nearestRank } from '../src/domain/postmortem/stats.js';
import { messages } from '../src/i18n/index.js';
import { renderDraftMessages } from '../src/slack/blocks/postmortem.js';
import { busyTimeline, scriptedIncident } from '../test/support/scripted-incident.js';

const EVENTS = Number(process.env.POSTMORTEM_EVENTS ?? 5_000);
const RUNS = 20;
const WARMUPS = 3;
const TIME_ZONE = 'Asia/Seoul';

const databasePath = join(mkdtempSync(join(tmpdir(), 'incident-bot-bench-')), 'bench.db');
const db = openDatabase(databasePath);
await migrateToLatest(db);
const store = createStore(db);

const script = scriptedIncident();
const incident = { ...script.incident, number: 1 };
const now = new Date('2026-11-23T20:00:00Z');
await store.transaction(async (records) => {
  await records.insertIncident(incident, now);
  const events = busyTimeline(EVENTS, new Date('2026-11-23T05:00:00Z'), 1, 1).map(({ id: _id, incidentNumber: _n, ...draft }) => draft);
  await records.appendEvents(1, events, now);
  for (let i = 0; i < 10; i += 1) {
    await records.addFollowUp({ incidentNumber: 1, text: `Follow-up ${i}: make the gateway URL check part of CI`, ownerId: i % 2 === 0 ? 'U0BOB' : null, createdBy: 'U0ALICE', createdAt: now });
  }
  await records.writeState(TEAM_URL_KEY, 'https://acme.slack.com/', now);
});

const t = messages('en');
const context: DraftContext = { timeZone: TIME_ZONE, words: t.postmortem, severities: script.severities, botUserId: 'U0BOT' };
const composeMs: number[] = [];
const slackMs: number[] = [];
const totalMs: number[] = [];
let parts = 0;
let markdownChars = 0;
for (let run = 0; run < WARMUPS + RUNS; run += 1) {
  const started = performance.now();
  const loaded = await store.getIncident(1);
  if (!loaded) throw new Error('incident missing');
  const composed = await composeDraft(store, loaded, 2, now, context);
  const drafted = performance.now();
  const slack = renderDraftMessages(composed.draft, { timeZone: TIME_ZONE, t });
  const done = performance.now();
  if (run < WARMUPS) continue;
  composeMs.push(drafted - started);
  slackMs.push(done - drafted);
  totalMs.push(done - started);
  parts = slack.length;
  markdownChars = composed.markdown.length;
}
await db.destroy();

const summary = (values: number[]): string => {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${(nearestRank(sorted, 50) ?? 0).toFixed(1)} ms  p99 ${(nearestRank(sorted, 99) ?? 0).toFixed(1)} ms`;
};
console.log(`postmortem draft: INC-1 with ${EVENTS} timeline events and 10 follow-ups in SQLite, ${RUNS} runs after ${WARMUPS} warm-ups (Node ${process.version})`);
console.log(`load + draft + markdown/JSON (composeDraft)   ${summary(composeMs)}`);
console.log(`Slack messages (renderDraftMessages)           ${summary(slackMs)}`);
console.log(`total                                          ${summary(totalMs)}   budget 250 ms`);
console.log(`output: ${markdownChars} characters of markdown, ${parts} Slack messages`);
