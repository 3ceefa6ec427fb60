import { DEFAULT_ANNEX, DEFAULT_EVALUATION, answerModeOf, weightSum, withAnnexDefaults } from './annex-defaults.js';
import { makeSnapshot } from '../../../test/fixtures/export/snapshot.fixture.js';

describe('annex defaults', () => {
  it('fills in the Danish defaults where the specification sets nothing, and keeps what it sets', () => {
    expect(withAnnexDefaults(makeSnapshot())).toEqual({ evaluation: DEFAULT_EVALUATION, annex: DEFAULT_ANNEX });
    const s = makeSnapshot();
    s.specification.evaluation = { subCriterion: 'Funktionalitet', method: '  ' };
    s.specification.annex = { number: '7' };
    const { evaluation, annex } = withAnnexDefaults(s);
    expect(evaluation.subCriterion).toBe('Funktionalitet');
    expect(evaluation.method).toBe(DEFAULT_EVALUATION.method); // blank keeps the default
    expect([evaluation.scaleMin, evaluation.scaleMax]).toEqual([0, 10]);
    expect(annex).toEqual({ ...DEFAULT_ANNEX, number: '7' });
  });

  it('asks for a description of an MK only where its verification asks the bidder for documentation', () => {
    const [item] = makeSnapshot().items;
    const mk = (verification: string) => answerModeOf({ ...item, obligation: 'minimum', verification });
    expect(mk('Tilbudsgiveren vedlægger sin informationssikkerhedspolitik.')).toBe('describe');
    expect(mk('Tilbudsgivers beskrivelse vurderes.')).toBe('describe');
    expect(mk('Tilbudsgiveren bekræfter kravet og oplyser tidskilde.')).toBe('describe');
    expect(mk('Tilbudsgiveren bekræfter kravet. Kommunen tester ved overtagelsen.')).toBe('confirm');
    expect(mk('Leverandøren demonstrerer login i testmiljøet.')).toBe('confirm');
    expect(answerModeOf({ ...item, obligation: 'minimum', verification: 'Tilbudsgiver oplister x.', answerMode: 'confirm' })).toBe(
      'confirm',
    );
    expect(answerModeOf({ ...item, obligation: 'evaluated', verification: '' })).toBe('describe');
  });

  it('adds up the weights the EKs carry', () => {
    expect(weightSum(makeSnapshot().items)).toBe(45);
  });
});
