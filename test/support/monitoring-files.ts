import { join } from 'node:path';

/** The monitoring files in the repository: the bot's alert rules and their tests, and the Grafana dashboard. */
export const MONITORING = join(import.meta.dirname, '../../monitoring');
export const RULES_DIR = join(MONITORING, 'prometheus');
export const RULES_FILE = join(RULES_DIR, 'incident-bot-rules.yml');
export const RULES_TEST_FILE = join(RULES_DIR, 'incident-bot-rules.test.yml');
export const DASHBOARD_FILE = join(MONITORING, 'grafana/incident-bot.json');
