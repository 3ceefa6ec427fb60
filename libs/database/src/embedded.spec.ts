import { unixSocketDir } from './embedded.js';

describe('unixSocketDir', () => {
  it('puts the socket in the data folder when its path fits', () => {
    expect(unixSocketDir('/tmp/kravbank-abc/pg', 54321)).toBe('/tmp/kravbank-abc/pg');
  });

  it('falls back to TCP alone when the socket path would pass 107 bytes', () => {
    const deep = `/tmp/${'x'.repeat(80)}/pg`;
    expect(`${deep}/.s.PGSQL.54321.lock`.length).toBeGreaterThan(107);
    expect(unixSocketDir(deep, 54321)).toBeNull();
    // One byte less fits.
    const fits = `/tmp/${'x'.repeat(107 - '/tmp//pg/.s.PGSQL.54321.lock'.length)}/pg`;
    expect(unixSocketDir(fits, 54321)).toBe(fits);
  });

  it.each(['/tmp/a,b/pg', "/tmp/o'brien/pg", '/tmp/my data/pg', '/tmp/a"b/pg', '/tmp/a\\b/pg'])('falls back to TCP for %s', (dir) => {
    expect(unixSocketDir(dir, 5432)).toBeNull();
  });
});
