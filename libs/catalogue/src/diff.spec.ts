import { changedFields, diffContent } from './diff.js';
import type { RequirementContent } from './model.js';

const v1: RequirementContent = {
  title: 'Backup',
  statement: 'Leverandøren skal tage backup hver nat.',
  rationale: 'R',
  guidance: 'G',
  verification: 'V',
  level: 1,
  obligation: 'minimum',
  tags: ['backup'],
  legalSources: [{ id: 'iso-27001-2022', section: 'A.8.13' }],
};

describe('diffContent', () => {
  it('marks unchanged fields as one equal run', () => {
    const d = diffContent(v1, v1);
    expect(changedFields(d)).toEqual([]);
    expect(d.statement).toEqual({ changed: false, runs: [{ op: 'equal', text: v1.statement }] });
  });

  it('gives word-level runs that rebuild both texts', () => {
    const v2 = { ...v1, statement: 'Leverandøren skal tage krypteret backup hver time.' };
    const d = diffContent(v1, v2);
    expect(changedFields(d)).toEqual(['statement']);
    const runs = d.statement.runs;
    expect(
      runs
        .filter((r) => r.op !== 'insert')
        .map((r) => r.text)
        .join(''),
    ).toBe(v1.statement);
    expect(
      runs
        .filter((r) => r.op !== 'delete')
        .map((r) => r.text)
        .join(''),
    ).toBe(v2.statement);
    expect(runs).toEqual(
      expect.arrayContaining([
        { op: 'delete', text: 'nat' },
        { op: 'insert', text: 'time' },
      ]),
    );
    expect(runs.find((r) => r.op === 'insert' && r.text.includes('krypteret'))).toBeDefined();
  });

  it('diffs level, obligation, tags and legal sources as text', () => {
    const d = diffContent(v1, {
      ...v1,
      level: 2,
      obligation: 'evaluated',
      tags: ['backup', 'gendannelse'],
      legalSources: [{ id: 'iso-27001-2022', section: 'A.8.13' }, { id: 'nis2' }],
    });
    expect(changedFields(d)).toEqual(['level', 'obligation', 'tags', 'legalSources']);
    expect(d.level.runs).toEqual([
      { op: 'delete', text: '1' },
      { op: 'insert', text: '2' },
    ]);
    expect(
      d.legalSources.runs
        .filter((r) => r.op === 'insert')
        .map((r) => r.text)
        .join(''),
    ).toContain('nis2');
  });
});
