import type { SnapshotItem, SpecificationSnapshot } from '../snapshot.js';

/**
 * Test data for the export: a municipality's specification with requirements from every
 * category, sections, local notes, evaluated requirements with and without weight and the
 * municipality's own requirements. The texts are Danish and use æ, ø and å on purpose.
 */
export const FINALIZED_AT = '2026-11-20T13:45:00.000Z';

const LEGAL_SOURCES: SpecificationSnapshot['legalSources'] = [
  {
    id: 'rammearkitektur',
    title: 'Fællesoffentlig digital arkitektur – principper',
    kind: 'principle',
    issuer: 'Digitaliseringsstyrelsen',
    url: 'https://arkitektur.digst.dk/rammearkitektur',
    version: '2.0',
  },
  {
    id: 'gdpr',
    title: 'Databeskyttelsesforordningen (GDPR)',
    kind: 'act',
    issuer: 'Europa-Parlamentet og Rådet',
    url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
    version: '2016/679',
  },
  {
    id: 'iso-27001-2022',
    title: 'ISO/IEC 27001:2022 Informationssikkerhed, cybersikkerhed og beskyttelse af privatlivets fred',
    kind: 'standard',
    issuer: 'Dansk Standard',
    url: 'https://www.ds.dk/da/om-standarder/ledelsesstandarder/iso-27001',
    version: '2022',
  },
  {
    id: 'arkivloven',
    title: 'Arkivloven (lovbekendtgørelse nr. 1201 af 28. september 2016)',
    kind: 'act',
    issuer: 'Kulturministeriet',
    url: 'https://www.retsinformation.dk/eli/lta/2016/1201',
    version: 'LBK nr. 1201 af 28/09/2016',
  },
  {
    id: 'bek-1007',
    title: 'Bekendtgørelse om arkivering af data fra it-systemer – bevaring og kassation',
    kind: 'executive-order',
    issuer: 'Rigsarkivet',
    url: 'https://www.retsinformation.dk/eli/lta/2010/1007',
    version: 'BEK nr. 1007 af 20/08/2010',
  },
];

type ItemSeed = Omit<SnapshotItem, 'id' | 'position' | 'contentHash' | 'legalSources'> & { legalSources?: SnapshotItem['legalSources'] };

const hashOf = (key: string, version: number) => `${key.toLowerCase().replace(/[^a-z0-9]/g, '')}${version}`.padEnd(64, '0');

const SEEDS: ItemSeed[] = [
  {
    source: 'bank',
    key: 'RAM-012',
    version: 4,
    category: 'framework-architecture',
    section: null,
    title: 'Kommunen ejer sine data',
    statement:
      'Leverandøren skal sikre, at alle data, der behandles i løsningen, tilhører kommunen og til enhver tid kan udleveres i et åbent, dokumenteret format.',
    rationale: 'Uden klart dataejerskab bliver kommunen låst til én leverandør, og et senere leverandørskifte bliver dyrt og usikkert.',
    guidance: 'Brug kravet i alle udbud, hvor løsningen opbevarer kommunens data. Aftal formatet ved kontraktstart.',
    verification: 'Leverandøren fremviser en prøveudtræk af alle data i det aftalte format ved overtagelsesprøven.',
    level: 1,
    obligation: 'minimum',
    weight: null,
    note: null,
    legalSources: [{ id: 'rammearkitektur', section: 'princip 6', title: 'Fællesoffentlig digital arkitektur – principper' }],
  },
  {
    source: 'bank',
    key: 'RAM-003',
    version: 2,
    category: 'framework-architecture',
    section: 'Integration og snitflader',
    title: 'Åbne og dokumenterede snitflader',
    statement:
      'Leverandøren skal stille løsningens funktioner og data til rådighed gennem dokumenterede snitflader (API’er) baseret på åbne standarder.\nDokumentationen skal være offentligt tilgængelig eller udleveres uden beregning.',
    rationale: 'Åbne snitflader gør det muligt at genbruge data på tværs af fagsystemer og undgå dobbeltregistrering.',
    guidance: 'Præcisér i kommunens bemærkning, hvilke systemer løsningen skal integreres med.',
    verification: 'Gennemgang af snitfladedokumentationen og en prøveintegration i testmiljøet.',
    level: 1,
    obligation: 'minimum',
    weight: null,
    note: 'Løsningen skal som minimum kunne udveksle data med kommunens ESDH-system og økonomisystem.',
    legalSources: [{ id: 'rammearkitektur', section: 'princip 4', title: 'Fællesoffentlig digital arkitektur – principper' }],
  },
  {
    source: 'bank',
    key: 'RAM-007',
    version: 1,
    category: 'framework-architecture',
    section: 'Integration og snitflader',
    title: 'Brug af fælleskommunale støttesystemer',
    statement:
      'Leverandøren skal beskrive, hvordan løsningen anvender de fælleskommunale støttesystemer, herunder Serviceplatformen og Fælleskommunalt Adgangsstyringssystem.',
    rationale: 'Genbrug af fælles infrastruktur sænker kommunens driftsomkostninger og styrker sikkerheden.',
    guidance: 'Vægt kravet højt, hvis løsningen skal slå op i CPR eller CVR.',
    verification: 'Tilbudsgivers beskrivelse vurderes; ved implementeringen testes opkald til Serviceplatformen.',
    level: 2,
    obligation: 'evaluated',
    weight: 15,
    note: 'Kommunen anvender Serviceplatformen til opslag i CPR; løsningen bør genbruge denne adgang.',
    legalSources: [{ id: 'rammearkitektur', section: null, title: 'Fællesoffentlig digital arkitektur – principper' }],
  },
  {
    source: 'bank',
    key: 'SIK-014',
    version: 3,
    category: 'security',
    section: 'Adgangsstyring',
    title: 'Multifaktorautentifikation for administratorer',
    statement: 'Leverandøren skal sikre, at alle brugere med administrative rettigheder logger på med mindst to uafhængige faktorer.',
    rationale: 'Kompromitterede administratorkonti er den hyppigste årsag til alvorlige sikkerhedshændelser i kommunale it-løsninger.',
    guidance: 'Anvend altid kravet. Afklar, om kommunens egen identitetsudbyder (fx via SAML) skal bruges.',
    verification: 'Leverandøren demonstrerer login for en administrator med to faktorer i testmiljøet.',
    level: 1,
    obligation: 'minimum',
    weight: null,
    note: 'Kommunens identitetsudbyder (Microsoft Entra ID) skal anvendes; lokale brugerkonti må ikke oprettes.',
    legalSources: [
      {
        id: 'iso-27001-2022',
        section: 'A.8.5',
        title: 'ISO/IEC 27001:2022 Informationssikkerhed, cybersikkerhed og beskyttelse af privatlivets fred',
      },
      { id: 'gdpr', section: 'art. 32', title: 'Databeskyttelsesforordningen (GDPR)' },
    ],
  },
  {
    source: 'bank',
    key: 'SIK-031',
    version: 2,
    category: 'security',
    section: 'Adgangsstyring',
    title: 'Kryptering af data under transport',
    statement: 'Leverandøren skal sikre, at al kommunikation med løsningen er krypteret med TLS 1.2 eller nyere.',
    rationale: 'Personoplysninger, der sendes ukrypteret, kan aflyttes på netværket.',
    guidance: 'Kravet gælder også interne snitflader mellem løsningens komponenter.',
    verification: 'Scanning af løsningens endepunkter med et værktøj som testssl.sh.',
    level: 1,
    obligation: 'minimum',
    weight: null,
    note: null,
    legalSources: [{ id: 'gdpr', section: 'art. 32, stk. 1, litra a', title: 'Databeskyttelsesforordningen (GDPR)' }],
  },
  {
    source: 'bank',
    key: 'SIK-022',
    version: 1,
    category: 'security',
    section: 'Logning og overvågning',
    title: 'Logning af sikkerhedshændelser',
    statement:
      'Leverandøren skal logge sikkerhedsrelevante hændelser, herunder login, fejlede login og ændringer af rettigheder, og opbevare loggen i mindst 13 måneder.',
    rationale: 'Uden log kan kommunen hverken opdage eller efterforske misbrug af personoplysninger.',
    guidance: 'Tilpas opbevaringsperioden til kommunens logningspolitik.',
    verification: 'Stikprøve af loggen efter en planlagt test af fejlede login.',
    level: 2,
    obligation: 'evaluated',
    weight: 10,
    note: null,
    legalSources: [
      {
        id: 'iso-27001-2022',
        section: 'A.8.15',
        title: 'ISO/IEC 27001:2022 Informationssikkerhed, cybersikkerhed og beskyttelse af privatlivets fred',
      },
    ],
  },
  {
    source: 'bank',
    key: 'ARK-002',
    version: 1,
    category: 'archive',
    section: null,
    title: 'Aflevering til offentligt arkiv',
    statement:
      'Leverandøren skal kunne levere arkiveringsversioner af løsningens data efter de gældende regler fra Rigsarkivet eller det kommunale arkiv.',
    rationale: 'Kommunen har pligt til at bevare og aflevere data efter arkivloven.',
    guidance: 'Afklar med kommunens arkiv, om data skal afleveres til Rigsarkivet eller et kommunalt arkiv.',
    verification: 'Test-aflevering godkendes af arkivet før idriftsættelse.',
    level: 1,
    obligation: 'minimum',
    weight: null,
    note: null,
    legalSources: [
      { id: 'arkivloven', section: '§ 7', title: 'Arkivloven (lovbekendtgørelse nr. 1201 af 28. september 2016)' },
      { id: 'bek-1007', section: null, title: 'Bekendtgørelse om arkivering af data fra it-systemer – bevaring og kassation' },
    ],
  },
  {
    source: 'bank',
    key: 'ARK-009',
    version: 2,
    category: 'archive',
    section: null,
    title: 'Sletning efter kassationsfrister',
    statement: 'Leverandøren skal beskrive, hvordan løsningen sletter data automatisk, når kassationsfristen er udløbet.',
    rationale: 'Data, der gemmes længere end nødvendigt, øger risikoen ved et brud på datasikkerheden.',
    guidance: 'Kassationsfristerne fremgår af kommunens bevarings- og kassationsplan.',
    verification: 'Demonstration af sletning i testmiljøet med fremrykket dato.',
    level: 2,
    obligation: 'evaluated',
    weight: null,
    note: 'Sletning skal kunne udsættes for sager, der er omfattet af en verserende klagesag.',
    legalSources: [{ id: 'gdpr', section: 'art. 5, stk. 1, litra e', title: 'Databeskyttelsesforordningen (GDPR)' }],
  },
  {
    source: 'local',
    key: 'LOK-1',
    version: null,
    category: null,
    section: null,
    title: 'Brug på kommunens tablets',
    statement:
      'Løsningen skal kunne bruges i fuld funktionalitet på kommunens tablets med iPadOS 17 eller nyere, også når forbindelsen er ustabil ude hos borgeren.',
    rationale: '',
    guidance: '',
    verification: '',
    level: null,
    obligation: 'minimum',
    weight: null,
    note: 'Gælder især hjemmeplejens medarbejdere i Ærøskøbing-distriktet.',
    legalSources: [],
  },
  {
    source: 'local',
    key: 'LOK-2',
    version: null,
    category: null,
    section: null,
    title: 'Support på dansk',
    statement: 'Leverandøren skal yde support på dansk på hverdage kl. 8–16 med en svartid på højst én time for kritiske fejl.',
    rationale: '',
    guidance: '',
    verification: '',
    level: null,
    obligation: 'evaluated',
    weight: 20,
    note: null,
    legalSources: [],
  },
];

export interface SnapshotOptions {
  status?: 'draft' | 'final';
  revision?: number;
  items?: SnapshotItem[];
  title?: string;
}

/** A fresh snapshot (callers may change it). Final by default, dated `FINALIZED_AT`. */
export function makeSnapshot(options: SnapshotOptions = {}): SpecificationSnapshot {
  const status = options.status ?? 'final';
  const items =
    options.items ??
    SEEDS.map((seed, i) => ({
      ...seed,
      legalSources: (seed.legalSources ?? []).map((s) => ({ ...s })),
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      position: i + 1,
      contentHash: seed.version === null ? null : hashOf(seed.key, seed.version),
    }));
  return {
    specification: {
      id: '7d1c2f0e-5b7a-4c1e-9d2a-3e4f5a6b7c8d',
      title: options.title ?? 'Omsorgssystem til ældre- og sundhedsområdet',
      procurementName: 'Udbud af omsorgssystem 2027 – Ærø, Sønderborg og Aabenraa Kommuner',
      caseNumber: '2026-014562',
      description:
        'Fælles udbud af et omsorgssystem til hjemmepleje, plejecentre og sygepleje.\nKontrakten forventes at løbe i fire år med mulighed for forlængelse.',
      status,
      revision: options.revision ?? 3,
      organisation: { id: 'a9b8c7d6-0000-4000-8000-000000000001', name: 'Sønderborg Kommune' },
      createdAt: '2026-09-01T08:00:00.000Z',
      updatedAt: '2026-11-20T13:40:00.000Z',
      finalizedAt: status === 'final' ? FINALIZED_AT : null,
    },
    bank: { stamp: 'Kravbank 2026-11-18 (126 krav)' },
    items,
    legalSources: LEGAL_SOURCES.map((s) => ({ ...s })),
  };
}

/** The keys of the fixture in document order: RAM, SIK, ARK, then the municipality's own; sectionless items first in a category. */
export const FIXTURE_KEYS_IN_ORDER = [
  'RAM-012',
  'RAM-003',
  'RAM-007',
  'SIK-014',
  'SIK-031',
  'SIK-022',
  'ARK-002',
  'ARK-009',
  'LOK-1',
  'LOK-2',
];

const CATEGORY_CYCLE = [
  { category: 'framework-architecture', prefix: 'RAM', sections: ['Integration og snitflader', 'Data og dokumentation'] },
  { category: 'security', prefix: 'SIK', sections: ['Adgangsstyring', 'Logning og overvågning', 'Kryptografi'] },
  { category: 'archive', prefix: 'ARK', sections: ['Aflevering', 'Bevaring og kassation'] },
] as const;

/**
 * `n` requirements of about 300 characters of Danish text each, spread over the categories and
 * sections, every tenth a local requirement, every fourth evaluated: for the benchmark and the
 * office round trip. Deterministic.
 */
export function syntheticItems(n: number): SnapshotItem[] {
  const items: SnapshotItem[] = [];
  for (let i = 0; i < n; i++) {
    const local = i % 10 === 9;
    const c = CATEGORY_CYCLE[i % 3];
    const number = String(i + 1).padStart(4, '0');
    const evaluated = i % 4 === 3;
    items.push({
      id: `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`,
      position: i + 1,
      section: local ? null : c.sections[Math.floor(i / 3) % c.sections.length],
      source: local ? 'local' : 'bank',
      key: local ? `LOK-${i + 1}` : `${c.prefix}-${number}`,
      version: local ? null : 1 + (i % 4),
      category: local ? null : c.category,
      title: `Krav nr. ${i + 1} om sikker og åben behandling af kommunens data`,
      statement:
        `Leverandøren skal sikre, at løsningen behandler kommunens data sikkert, at ændringer logges, og at data kan udleveres i et åbent format ved kontraktens ophør (krav ${i + 1}). ` +
        'Dokumentationen skal være på dansk og holdes ajour gennem hele kontraktperioden.',
      rationale: `Begrundelse for krav ${i + 1}: uden dette krav risikerer kommunen at miste kontrollen med data og at bryde reglerne om behandlingssikkerhed.`,
      guidance: `Vejledning til krav ${i + 1}: brug kravet i alle udbud af fagsystemer; præcisér formatet i kommunens bemærkning.`,
      verification: `Verifikation af krav ${i + 1}: gennemgang af dokumentationen og en prøve i testmiljøet før overtagelse.`,
      level: local ? null : ((1 + (i % 3)) as 1 | 2 | 3),
      obligation: evaluated ? 'evaluated' : 'minimum',
      weight: evaluated ? 5 + (i % 4) * 5 : null,
      note: i % 5 === 0 ? `Kommunen præciserer, at kravet også gælder data fra det tidligere system (bemærkning ${i + 1}).` : null,
      legalSources: local ? [] : [{ id: 'gdpr', section: 'art. 32', title: 'Databeskyttelsesforordningen (GDPR)' }],
      contentHash: local ? null : hashOf(`${c.prefix}${number}`, 1 + (i % 4)),
    });
  }
  // The document order: by category, then section, then position.
  const rank = (item: SnapshotItem) => (item.category === null ? 3 : CATEGORY_CYCLE.findIndex((c) => c.category === item.category));
  return items.sort((a, b) => rank(a) - rank(b) || (a.section ?? '').localeCompare(b.section ?? '', 'da') || a.position - b.position);
}
