import { describe, expect, it } from 'vitest';
import { RULES_DIR } from '../support/monitoring-files.js';
import { promtool } from '../support/promtool.js';

/** The bot's own alert rules, checked and unit-tested by Prometheus' promtool (Debian's `prometheus` package). */
describe('the alert rules for the bot itself', () => {
  it('are valid rules', async () => {
    const run = await promtool(['check', 'rules', 'incident-bot-rules.yml'], undefined, RULES_DIR);
    expect({ code: run.code, said: run.stdout + run.stderr }).toMatchObject({ code: 0, said: expect.stringContaining('SUCCESS: 10 rules found') });
  });

  it('pass their unit tests: each fires when it should and stays quiet when it should', async () => {
    const run = await promtool(['test', 'rules', 'incident-bot-rules.test.yml'], undefined, RULES_DIR);
    expect({ code: run.code, said: run.stdout + run.stderr }).toMatchObject({ code: 0, said: expect.stringContaining('SUCCESS') });
  });
});
