import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../domain/slo/burn-rate.js';
import { sloAlertOf } from '../domain/slo/slo-alert.js';
import { PYRRA, SLOTH } from '../../test/support/slo-alerts.js';
import { prometheusBudgetReader } from './slo-budget-reader.js';

/** Prometheus' HTTP API on loopback, answering every instant query with `series` (or never, to time out). */
let server: Server | undefined;
const queries: string[] = [];
async function prometheus(series: Array<[Record<string, string>, number]> | 'hang'): Promise<string> {
  queries.length = 0;
  server = createServer((req, res) => {
    queries.push(new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? '');
    if (series === 'hang') return;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: series.map(([metric, v]) => ({ metric, value: [0, String(v)] })) } }));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
}
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const slo = (f: { labels: Record<string, string>; annotations: Record<string, string> }) => {
  const read = sloAlertOf({ name: f.labels.alertname ?? '', labels: f.labels, annotations: f.annotations });
  if (!read) throw new Error('not an SLO alert');
  return read;
};

describe('the SLO budget reader', () => {
  it('reads Pyrra’s series: objective, window in seconds, availability, and the error ratio per window from the rule name (worst series)', async () => {
    const url = await prometheus([
      [{ __name__: 'pyrra_objective', slo: 'checkout-availability' }, 0.999],
      [{ __name__: 'pyrra_window', slo: 'checkout-availability' }, 28 * 86_400],
      [{ __name__: 'pyrra_availability', slo: 'checkout-availability' }, 0.99963],
      [{ __name__: 'http_requests:burnrate1h', slo: 'checkout-availability', handler: '/a' }, 0.004],
      [{ __name__: 'http_requests:burnrate1h', slo: 'checkout-availability', handler: '/b' }, 0.0162],
      [{ __name__: 'http_requests:burnrate5m', slo: 'checkout-availability', handler: '/b' }, 0.02],
    ]);
    const answer = await prometheusBudgetReader({ url, timeoutMs: 2_000, cacheForMs: 30_000 }, () => 0, () => undefined).read(slo(PYRRA.fast));
    expect(answer).toEqual({
      kind: 'answered',
      reading: { objective: 0.999, periodMs: 28 * DAY_MS, budgetLeft: null, availability: 0.99963, errorRatios: new Map([[HOUR_MS, 0.0162], [300_000, 0.02]]) },
    });
    expect(queries).toEqual(['{slo="checkout-availability",__name__=~"pyrra_objective|pyrra_window|pyrra_availability|.+:burnrate.+"}']);
  });

  it('asks once per SLO while its answer is fresh, again once it is not', async () => {
    let now = 0;
    const url = await prometheus([]);
    const reader = prometheusBudgetReader({ url, timeoutMs: 2_000, cacheForMs: 30_000 }, () => now, () => undefined);
    expect(await reader.read(slo(SLOTH.fastPage))).toEqual({ kind: 'not-recorded' });
    await reader.read(slo(SLOTH.ticket));
    expect(queries).toHaveLength(1);
    now = 30_000;
    await reader.read(slo(SLOTH.fastPage));
    expect(queries).toHaveLength(2);
  });

  it('gives up after its timeout and says so', async () => {
    const url = await prometheus('hang');
    const warned: string[] = [];
    const started = Date.now();
    const answer = await prometheusBudgetReader({ url, timeoutMs: 200, cacheForMs: 30_000 }, () => 0, (_error, key) => warned.push(key)).read(slo(SLOTH.fastPage));
    expect(answer).toEqual({ kind: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(warned).toEqual(['sloth:myservice-requests-availability']);
  });
});
