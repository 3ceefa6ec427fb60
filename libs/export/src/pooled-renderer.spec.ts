import { DomainError, opsConfig } from '@kravbank/common';
import { makeSnapshot, syntheticItems } from '../../../test/fixtures/export/snapshot.fixture.js';
import { PooledAnnexRenderer } from './pooled-renderer.js';

/**
 * The export threads' bounded heap (EXPORT_WORKER_HEAP_MB): the largest specification renders
 * again and again within the default, and an export that needs more than a thread may use is
 * refused with a clear 503 while the pool goes on serving.
 */
describe('the export pool with a bounded heap', () => {
  const pools: PooledAnnexRenderer[] = [];
  const pool = (heapMb: number) => {
    const p = new PooledAnnexRenderer({ workers: 1, queue: 4, heapMb, now: () => new Date('2026-12-03T09:00:00Z') });
    pools.push(p);
    return p;
  };
  afterAll(() => Promise.all(pools.map((p) => p.onModuleDestroy())));

  it('renders the largest specification (2,000 items, buyer edition) three times in one thread within the default heap', async () => {
    const renderer = pool(opsConfig({}).exports.heapMb);
    const snapshot = makeSnapshot({ items: syntheticItems(2000) });
    const sizes: number[] = [];
    for (let i = 0; i < 3; i++) sizes.push((await renderer.render(snapshot, 'docx', 'buyer')).body.length);
    expect(new Set(sizes).size).toBe(1);
    expect(sizes[0]).toBeGreaterThan(50_000);
  }, 120_000);

  it('refuses an export that needs more than the thread may use with 503 export_out_of_memory, and serves the next', async () => {
    const renderer = pool(64);
    const refusal = await renderer.render(makeSnapshot({ items: syntheticItems(5000) }), 'docx', 'buyer').then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ kind: 'unavailable', code: 'export_out_of_memory' });
    const small = await renderer.render(makeSnapshot(), 'docx', 'tender');
    expect(small.body.subarray(0, 2).toString('latin1')).toBe('PK');
  }, 120_000);
});
