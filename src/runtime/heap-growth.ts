import { setFlagsFromString } from 'node:v8';

/**
 * V8 lets the heap grow to as much as four times what survived the last full collection when JavaScript allocates
 * fast, and a storm is exactly that: a bot reading a 100,000-alert backlog went past 300 MB resident with about 40 MB
 * of it live. Growing by half instead keeps the peak under a 256 MB container limit; the extra collections are
 * V8's own incremental ones (marked concurrently, on another core), so acknowledgements barely notice. The flag is
 * read at each collection, so setting it once the process runs takes effect; the bot sets it for its own process only
 * (`npm start`), not for a test runner that starts bots in its own.
 */
export function boundHeapGrowth(percent = 50): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}

