import { ExpiringCache } from './expiring-cache.js';

describe('ExpiringCache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 1_000));

  it('reads once within the time to live and again after it', async () => {
    const cache = new ExpiringCache<string>(5_000, 100, now);
    let reads = 0;
    const load = async () => `user v${++reads}`;
    expect(await cache.get('u1', load)).toBe('user v1');
    clock += 4_999;
    expect(await cache.get('u1', load)).toBe('user v1');
    clock += 1;
    expect(await cache.get('u1', load)).toBe('user v2');
    expect(reads).toBe(2);
  });

  it('shares one read between concurrent misses', async () => {
    const cache = new ExpiringCache<number>(5_000, 100, now);
    let reads = 0;
    const load = () => new Promise<number>((r) => setTimeout(() => r(++reads), 5));
    expect(await Promise.all([cache.get('u', load), cache.get('u', load), cache.get('u', load)])).toEqual([1, 1, 1]);
  });

  it('reads every time when the time to live is 0', async () => {
    const cache = new ExpiringCache<number>(0, 100, now);
    let reads = 0;
    await cache.get('u', async () => ++reads);
    await cache.get('u', async () => ++reads);
    expect(reads).toBe(2);
  });

  it('does not keep a failed read', async () => {
    const cache = new ExpiringCache<string>(5_000, 100, now);
    await expect(cache.get('u', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('u', async () => 'ok')).toBe('ok');
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = new ExpiringCache<string>(5_000, 2, now);
    let reads = 0;
    const load = async () => `v${++reads}`;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    expect(await cache.get('b', load)).toBe('v2');
    expect(await cache.get('a', load)).toBe('v4');
  });
});
