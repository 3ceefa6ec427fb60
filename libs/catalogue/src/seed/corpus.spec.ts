import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { seedDir } from '@kravbank/common';
import { CATEGORIES, CATEGORY_PREFIX } from '../model.js';
import { CONDITION_TAGS, NEAR_DUPLICATE_THRESHOLD, readSeed, SEED_FILES } from './corpus.js';
import { trigramSimilarity, trigrams } from './trigram.js';

const source = {
  id: 'gdpr',
  title: 'Databeskyttelsesforordningen',
  kind: 'act',
  issuer: 'EU',
  url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
  version: '2016',
};

/** Six clearly different statements, one for each fixture requirement. */
const statements = [
  'Leverandøren skal kryptere sikkerhedskopier med en nøgle, som kommunen kontrollerer.',
  'Løsningen skal registrere hvert opslag på en borger med bruger, tidspunkt og formål.',
  'Leverandøren bør levere en arkiveringsversion, som Rigsarkivet har godkendt.',
  'Alle snitflader skal beskrives i et maskinlæsbart format med versionsnummer.',
  'Data skal slettes automatisk, når opbevaringsfristen for sagstypen er udløbet.',
  'Leverandøren skal varsle planlagt nedetid mindst fem hverdage i forvejen.',
];

function requirement(category: (typeof CATEGORIES)[number], n: number, over: Record<string, unknown> = {}) {
  const index = CATEGORIES.indexOf(category) * 2 + n - 1;
  return {
    key: `${CATEGORY_PREFIX[category]}-${String(n).padStart(3, '0')}`,
    title: `Krav ${category} ${n}`,
    statement: statements[index % statements.length],
    rationale: 'Fordi det er vigtigt.',
    guidance: 'Brug kravet når systemet behandler personoplysninger.',
    verification: 'Leverandøren dokumenterer det i tilbuddet.',
    level: 2,
    obligation: 'minimum',
    tags: ['test'],
    legalSources: [{ id: 'gdpr', section: 'art. 32' }],
    ...over,
  };
}

/** Writes a small, valid seed folder; `change` edits the parsed files before they are written. */
function seedFolder(change: (files: Record<string, any>) => void = () => {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kravbank-seed-'));
  const files: Record<string, any> = {
    [SEED_FILES.legalSources]: { legalSources: [{ ...source }] },
    [SEED_FILES.profiles]: {
      profiles: [{ id: 'basis', title: 'Basis', description: 'Til alt.', items: [{ key: 'SIK-001', obligation: 'minimum' }] }],
    },
  };
  for (const c of CATEGORIES) files[SEED_FILES.category(c)] = { category: c, requirements: [1, 2].map((n) => requirement(c, n)) };
  change(files);
  for (const [name, doc] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof doc === 'string' ? doc : stringify(doc));
  return dir;
}

const messages = (dir: string) => readSeed(dir).problems.map((p) => `${p.file}: ${p.where}: ${p.message}`);

describe('seed corpus check', () => {
  it('accepts a valid folder', () => {
    const { corpus, problems } = readSeed(seedFolder());
    expect(problems).toEqual([]);
    expect(corpus.requirements).toHaveLength(6);
    expect(corpus.profiles[0].items).toEqual([{ key: 'SIK-001', obligation: 'minimum' }]);
  });

  it('passes on the bank’s own seed-requirements folder', () => {
    const { corpus, problems } = readSeed(seedDir());
    expect(problems).toEqual([]);
    for (const c of CATEGORIES) expect(corpus.requirements.filter((r) => r.category === c).length).toBeGreaterThanOrEqual(40);
  });

  it('accepts a level-1 requirement that is in a profile and a retired requirement outside every profile', () => {
    const dir = seedFolder((f) => {
      f['security.yaml'].requirements[0].level = 1;
      f['archive.yaml'].requirements[1].status = 'retired';
    });
    expect(readSeed(dir).problems).toEqual([]);
  });

  it.each<[string, (f: Record<string, any>) => void, RegExp]>([
    [
      'a YAML syntax error',
      (f) => (f['security.yaml'] = 'category: security\nrequirements: [\n  - key: "x'),
      /security\.yaml: line \d+: is not valid YAML/,
    ],
    [
      'a missing category file',
      (f) => (f['archive.yaml'] = 'category: archive\nrequirements: nope'),
      /archive\.yaml: requirements: must be a list/,
    ],
    [
      'a duplicate key',
      (f) =>
        f['security.yaml'].requirements.push(
          requirement('security', 1, { title: 'Anden titel', statement: 'Leverandøren skal noget helt andet om papirarkiver i kælderen.' }),
        ),
      /SIK-001\)\.key: is a duplicate/,
    ],
    [
      'a key with the wrong prefix',
      (f) => (f['security.yaml'].requirements[0].key = 'ARK-009'),
      /key: must be SIK- followed by three digits/,
    ],
    [
      'a duplicate title',
      (f) => (f['archive.yaml'].requirements[1].title = f['security.yaml'].requirements[0].title.toUpperCase()),
      /title: is the same as the title of SIK-001/,
    ],
    [
      'a requirement without legal source',
      (f) => (f['security.yaml'].requirements[0].legalSources = []),
      /legalSources: must name at least one legal source/,
    ],
    [
      'an unknown legal-source id',
      (f) => (f['security.yaml'].requirements[0].legalSources = [{ id: 'no-such-law' }]),
      /legalSources\.0\.id: 'no-such-law' is not in legal-sources\.yaml/,
    ],
    [
      'a statement without skal or bør',
      (f) => (f['security.yaml'].requirements[0].statement = 'Leverandøren kan kryptere backup, hvis det passer.'),
      /statement: must state an obligation with "skal" or "bør"/,
    ],
    ['an empty field', (f) => (f['security.yaml'].requirements[0].guidance = '   '), /guidance: must not be empty/],
    ['a missing field', (f) => delete f['security.yaml'].requirements[0].verification, /verification: /],
    ['an unknown field', (f) => (f['security.yaml'].requirements[0].colour = 'blue'), /colour: is not a known field/],
    ['a level out of range', (f) => (f['security.yaml'].requirements[0].level = 4), /level: must be 1, 2 or 3/],
    [
      'a bad obligation',
      (f) => (f['security.yaml'].requirements[0].obligation = 'nice-to-have'),
      /obligation: must be one of minimum, evaluated/,
    ],
    ['a bad tag', (f) => (f['security.yaml'].requirements[0].tags = ['Has Space']), /tags: each tag must be lower-case/],
    [
      'a near-duplicate statement',
      (f) => (f['archive.yaml'].requirements[0].statement = f['security.yaml'].requirements[0].statement.replace('kontrollerer', 'styrer')),
      /statement: is a near-duplicate of SIK-001/,
    ],
    [
      'a profile naming an unknown key',
      (f) => f['profiles.yaml'].profiles[0].items.push({ key: 'SIK-404', obligation: 'minimum' }),
      /items\[1\]\.key: 'SIK-404' is not a requirement in the bank/,
    ],
    [
      'a profile with a bad obligation',
      (f) => (f['profiles.yaml'].profiles[0].items[0].obligation = 'maybe'),
      /items\[0\]\.obligation: must be one of/,
    ],
    ['a legal source with a bad kind', (f) => (f['legal-sources.yaml'].legalSources[0].kind = 'rumour'), /kind: must be one of act/],
    [
      'a level-1 requirement in no profile',
      (f) => (f['archive.yaml'].requirements[0].level = 1),
      /ARK-001\.level: is 1 \(every procurement\) but the requirement is in no profile/,
    ],
    [
      'a level-1 requirement with a condition tag',
      (f) => Object.assign(f['security.yaml'].requirements[0], { level: 1, tags: ['test', CONDITION_TAGS[0]] }),
      /SIK-001\.level: is 1 \(every procurement\) but the tags name a level-2 condition: ai/,
    ],
    [
      'a level-3 requirement suggested as a minimum requirement',
      (f) => (f['security.yaml'].requirements[1].level = 3),
      /SIK-002\.obligation: must be evaluated for a level-3 \(high-risk\) requirement/,
    ],
    [
      'a profile naming a retired requirement',
      (f) => (f['security.yaml'].requirements[0].status = 'retired'),
      /items\[0\]\.key: 'SIK-001' is not active \(retired\)/,
    ],
    [
      'an act whose version names no number or date',
      (f) => (f['legal-sources.yaml'].legalSources[0].version = 'gældende version'),
      /legalSources\[0\] \(gdpr\)\.version: must name a number or a date for a legal source of kind act/,
    ],
    [
      'a legal source without version',
      (f) => delete f['legal-sources.yaml'].legalSources[0].version,
      /legalSources\[0\] \(gdpr\)\.version: must not be empty/,
    ],
    [
      'a legal source without URL',
      (f) => (f['legal-sources.yaml'].legalSources[0].url = 'retsinformation'),
      /url: must be an http\(s\) URL/,
    ],
  ])('reports %s', (_what, change, expected) => {
    const found = messages(seedFolder(change));
    expect(found.join('\n')).toMatch(expected);
  });
});

describe('trigram similarity', () => {
  it('matches pg_trgm on simple cases', () => {
    // pg_trgm: similarity('word', 'words') = 4/7 ≈ 0.571
    expect(trigramSimilarity(trigrams('word'), trigrams('words'))).toBeCloseTo(4 / 7, 5);
    expect(trigramSimilarity(trigrams('Kryptering'), trigrams('kryptering'))).toBe(1);
    expect(trigramSimilarity(trigrams('abc'), trigrams('xyz'))).toBe(0);
  });

  it('puts a one-word change above the threshold and the bank’s distinct statements below it', () => {
    const a = 'Leverandøren skal sikre, at al administrativ adgang til løsningen kræver multifaktorautentifikation.';
    const b = 'Leverandøren skal sikre, at al administrativ adgang til systemet kræver multifaktorautentifikation.';
    expect(trigramSimilarity(trigrams(a), trigrams(b))).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
  });
});
