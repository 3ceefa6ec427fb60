import { diffContent as serviceDiff, type RequirementContent } from '@kravbank/catalogue';
import { diffContent as browserDiff } from '../apps/web/src/features/proposals/diff.js';

/** The live diff in Nyt forslag must read exactly as the service's diff of the published version will. */
describe('the web app’s live word diff', () => {
  const base: RequirementContent = {
    title: 'Logning af administratoradgang',
    statement: 'Leverandøren skal logge al administratoradgang.',
    rationale: 'Sporbarhed.',
    guidance: 'Brug kravet ved drift.',
    verification: 'Demonstration.',
    level: 2,
    obligation: 'minimum',
    tags: ['logning', 'adgang'],
    legalSources: [{ id: 'gdpr', section: 'art. 32' }, { id: 'iso27001' }],
  };
  const changed: RequirementContent = {
    ...base,
    statement: 'Leverandøren skal logge al privilegeret adgang, også underleverandørers.',
    level: 3,
    tags: ['sporbarhed', 'logning'],
    legalSources: [{ id: 'gdpr', section: 'art. 30' }],
  };

  it('gives the same runs as the service for every field, changed or not', () => {
    expect(browserDiff(base, changed)).toEqual(serviceDiff(base, changed));
    expect(browserDiff(changed, base)).toEqual(serviceDiff(changed, base));
    expect(browserDiff(base, base)).toEqual(serviceDiff(base, base));
    expect(browserDiff(base, changed).statement.runs).toContainEqual({ op: 'insert', text: expect.stringContaining('privilegeret') });
  });
});
