/**
 * One read shared by every metric a scrape collects: the registry collects them all at once, so the first asks and
 * the others wait for the same answer; the next scrape asks again.
 */
export function oncePerScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => (pending ??= read().finally(() => setTimeout(() => (pending = null), 0)));
}
