import { backoffMs } from './search-outbox.js';

describe('outbox retry backoff', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 60_000 };

  it('doubles after each failure and stops at the maximum', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((a) => backoffMs(a, policy, mid))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000,
    ]);
  });

  it('spreads retries by ±20 %', () => {
    expect(backoffMs(2, policy, () => 0)).toBe(3200);
    expect(backoffMs(2, policy, () => 0.999999)).toBe(4800);
  });
});
