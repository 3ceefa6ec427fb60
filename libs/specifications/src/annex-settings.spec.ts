import { DomainError } from '@kravbank/common';
import { DEFAULT_ANNEX, DEFAULT_EVALUATION } from '@kravbank/export';
import { mergeSettings, setFieldsOf, settingsChange, settingsView } from './annex-settings.js';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).errors[0];
  }
  throw new Error('expected a refusal');
};

describe('annex settings', () => {
  it('sets given fields, puts null ones back to the default and keeps the rest', () => {
    expect(mergeSettings({ number: '3', title: 'A' }, { title: ' B ', number: null })).toEqual({ title: 'B' });
    expect(mergeSettings({ number: '3' }, undefined)).toBeUndefined();
    expect(mergeSettings({ number: '3' }, null)).toBeNull();
    expect(mergeSettings({ number: '3' }, { number: null })).toBeNull();
  });

  it('fills in the defaults and names the fields that are defaults', () => {
    const view = settingsView({ subCriterion: 'Funktionalitet' }, null);
    expect(view.evaluation).toEqual({ ...DEFAULT_EVALUATION, subCriterion: 'Funktionalitet' });
    expect(view.annex).toEqual(DEFAULT_ANNEX);
    expect(view.defaultFields).not.toContain('evaluation.subCriterion');
    expect(view.defaultFields).toContain('evaluation.scaleMax');
    expect(view.defaultFields).toContain('annex.number');
    expect(setFieldsOf(view.evaluation, view.defaultFields, 'evaluation')).toEqual({ subCriterion: 'Funktionalitet' });
    expect(setFieldsOf(view.annex, view.defaultFields, 'annex')).toBeUndefined();
  });

  it('refuses a scale that runs backwards or meanings off the scale, naming the field', () => {
    expect(refusal(() => settingsChange({ evaluation: null, annex: null }, { evaluation: { scaleMin: 10 } })).field).toBe(
      'evaluation.scaleMin',
    );
    expect(refusal(() => settingsChange({ evaluation: { scaleMin: 2 }, annex: null }, { evaluation: { scaleMax: 2 } })).field).toBe(
      'evaluation.scaleMax',
    );
    // The default meanings describe 0 to 10: a scale of 1 to 5 needs its own.
    expect(refusal(() => settingsChange({ evaluation: null, annex: null }, { evaluation: { scaleMin: 1, scaleMax: 5 } })).field).toBe(
      'evaluation.scaleMeaning.0.points',
    );
    const meaning = [
      { points: 1, meaning: 'Lav' },
      { points: 5, meaning: ' Høj ' },
    ];
    expect(settingsChange({ evaluation: null, annex: null }, { evaluation: { scaleMin: 1, scaleMax: 5, scaleMeaning: meaning } })).toEqual({
      evaluation: {
        scaleMin: 1,
        scaleMax: 5,
        scaleMeaning: [
          { points: 5, meaning: 'Høj' },
          { points: 1, meaning: 'Lav' },
        ],
      },
    });
    const twice = [
      { points: 1, meaning: 'a' },
      { points: 1, meaning: 'b' },
    ];
    expect(
      refusal(() => settingsChange({ evaluation: null, annex: null }, { evaluation: { scaleMin: 1, scaleMax: 5, scaleMeaning: twice } }))
        .reason,
    ).toMatch(/twice/);
  });
});
