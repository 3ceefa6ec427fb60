import { SqlFilter } from './sql-filter.js';

describe('SqlFilter', () => {
  it('numbers parameters in order and skips absent values', () => {
    const f = new SqlFilter().always('a.org = ?', 'o1').when(undefined, 'a.x = ?').when('', 'a.y = ?').when(3, 'a.level = ?');
    expect(f.sql).toBe('WHERE a.org = $1 AND a.level = $2');
    expect(`LIMIT ${f.param(20)} OFFSET ${f.param(40)}`).toBe('LIMIT $3 OFFSET $4');
    expect(f.params).toEqual(['o1', 3, 20, 40]);
  });

  it('gives no WHERE without conditions, and fills several ? of one condition', () => {
    expect(new SqlFilter().sql).toBe('');
    const f = new SqlFilter().always('a BETWEEN ? AND ?', 1, 9);
    expect(f.sql).toBe('WHERE a BETWEEN $1 AND $2');
    expect(f.params).toEqual([1, 9]);
  });
});
