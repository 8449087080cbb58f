import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ALERT_STATUSES, MESSAGE_KINDS, type AlertMessage, type ParsedAlert } from '../../src/domain/triage/alert.js';

/**
 * test/fixtures/alerts/<source>/<name>.json: a real message shape, where it comes from, when it was posted, and what a
 * person reading it would say it is (expected) and which problem it belongs to (group: a label shared by the
 * fixtures of one problem, null when it belongs to none). `edits` names the fixture whose message this one edits in
 * place (a recovery by edit); `resolves` lists the problems this message ends. The held-out set
 * (test/fixtures/alerts-heldout/, see its README) has the same layout: `loadAlertFixtures(HELD_OUT_ROOT)`.
 */
export const FIXTURE_ROOT = join(import.meta.dirname, '../fixtures/alerts');
/**
 * The held-out set: the same kinds of messages, written per tool from other sources (other templates, versions and
 * senders) by someone who did not read the parsers, so it measures the parsers on posts they were not built from.
 */
export const HELD_OUT_ROOT = join(import.meta.dirname, '../fixtures/alerts-heldout');

const fixtureFile = z.object({
  source: z.string().min(20),
  postedAt: z.iso.datetime(),
  edits: z.string().optional(),
  message: z.object({
    text: z.string(),
    attachments: z.array(z.unknown()),
    blocks: z.array(z.unknown()),
    username: z.string().nullable(),
    botId: z.string().nullable(),
  }),
  expected: z.looseObject({ kind: z.enum(MESSAGE_KINDS), status: z.enum(ALERT_STATUSES) }),
  group: z.union([z.string(), z.array(z.string()).min(2), z.null()]),
  resolves: z.array(z.string()).optional(),
});

export interface AlertFixture {
  /** The folder: the source the message must be parsed as. */
  readonly tool: string;
  readonly file: string;
  readonly citation: string;
  readonly postedAt: Date;
  readonly edits: string | null;
  readonly message: AlertMessage;
  readonly expected: Partial<ParsedAlert> & Pick<ParsedAlert, 'kind' | 'status'>;
  readonly group: string | readonly string[] | null;
  readonly resolves: readonly string[];
}

/** Every fixture under `root` (the parsers' own set unless told), one folder per tool. */
export function loadAlertFixtures(root: string = FIXTURE_ROOT): AlertFixture[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(root, dir.name))
        .filter((file) => file.endsWith('.json'))
        .sort()
        .map((file): AlertFixture => {
          const raw: unknown = JSON.parse(readFileSync(join(root, dir.name, file), 'utf8'));
          const parsed = fixtureFile.safeParse(raw);
          if (!parsed.success) throw new Error(`${dir.name}/${file}: ${z.prettifyError(parsed.error)}`);
          const f = parsed.data;
          return {
            tool: dir.name,
            file,
            citation: f.source,
            postedAt: new Date(f.postedAt),
            edits: f.edits ?? null,
            message: f.message,
            expected: f.expected as AlertFixture['expected'],
            group: f.group,
            resolves: f.resolves ?? [],
          };
        }),
    );
}

/**
 * The second held-out set (test/fixtures/alerts-heldout-2/, see its README): written after the first was read to fix
 * the parsers, from senders, templates and versions neither earlier set uses, so it measures what the first no longer can.
 */
export const HELD_OUT_2_ROOT = join(import.meta.dirname, '../fixtures/alerts-heldout-2');

/** The held-out set, or null while there is none. */
export function loadHeldOutFixtures(): AlertFixture[] | null {
  return existsSync(HELD_OUT_ROOT) ? loadAlertFixtures(HELD_OUT_ROOT) : null;
}

/** The second held-out set, or null while there is none. */
export function loadHeldOut2Fixtures(): AlertFixture[] | null {
  return existsSync(HELD_OUT_2_ROOT) ? loadAlertFixtures(HELD_OUT_2_ROOT) : null;
}
