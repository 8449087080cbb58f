import type { TestProject } from 'vitest/node';
import { compileBot, type CompiledBot } from './compiled-bot.js';

/**
 * Vitest runs a global setup once per project (the root and each project extending it), all in its main process: the
 * first compiles, the others share that build, and the last to finish removes it.
 */
const shared = globalThis as { incidentBotBuild?: { build: Promise<CompiledBot>; users: number } };

/** The bot compiled once for the run, for the tests that start it as a process (test/support/bot-process.ts). */
export default async function setup(project: TestProject): Promise<() => void> {
  shared.incidentBotBuild ??= { build: compileBot(), users: 0 };
  const run = shared.incidentBotBuild;
  run.users += 1;
  const build = await run.build;
  project.provide('compiledBot', build.folder);
  return () => {
    run.users -= 1;
    if (run.users > 0) return;
    build.remove();
    shared.incidentBotBuild = undefined;
  };
}
