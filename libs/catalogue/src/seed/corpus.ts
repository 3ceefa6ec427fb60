import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { flattenValidationErrors } from '@kravbank/common';
import { RequirementContentDto } from '../content.js';
import {
  CATEGORIES,
  CATEGORY_PREFIX,
  KEY_PATTERN,
  LEGAL_SOURCE_ID_PATTERN,
  LEGAL_SOURCE_KINDS,
  OBLIGATIONS,
  REQUIREMENT_STATUSES,
  type Category,
  type LegalSource,
  type Obligation,
  type RequirementContent,
  type RequirementStatus,
} from '../model.js';
import { trigramSimilarity, trigrams } from './trigram.js';

export interface SeedRequirement {
  key: string;
  category: Category;
  status: RequirementStatus;
  content: RequirementContent;
}

export interface SeedProfile {
  id: string;
  title: string;
  description: string;
  items: Array<{ key: string; obligation: Obligation }>;
}

export interface SeedCorpus {
  legalSources: LegalSource[];
  requirements: SeedRequirement[];
  profiles: SeedProfile[];
}

export interface SeedProblem {
  file: string;
  where: string;
  message: string;
}

/**
 * Two statements with a pg_trgm similarity at or above this are near-duplicates.
 * Statements in one category share their opening ("Leverandøren skal sikre, at løsningen …")
 * and common words; across the corpus distinct requirements stay below about 0.45, while a
 * statement copied with a word or two changed scores above 0.8. 0.6 sits between the two.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.6;

const OBLIGATION_VERB = /(^|[^\p{L}])(skal|bør)([^\p{L}]|$)/iu;

export const SEED_FILES = {
  legalSources: 'legal-sources.yaml',
  profiles: 'profiles.yaml',
  category: (c: Category) => `${c}.yaml`,
};

/**
 * Tags that mark a level-2 condition (personal data, case handling, archive duty, the common
 * infrastructure, citizen-facing, a Data Act cloud service, AI). A level-1 requirement applies to
 * every procurement and carries none of them (seed-requirements/README.md, "The level rule").
 */
export const CONDITION_TAGS: readonly string[] = [
  'ai',
  'ai-forordningen',
  'arkiveringsversion',
  'borgerrettet',
  'cloud',
  'cpr',
  'dataforordningen',
  'esdh',
  'grunddata',
  'journalisering',
  'journaliseringspligt',
  'kle',
  'persondata',
  'personoplysninger',
  'sagsdannelse',
  'serviceplatformen',
  'støttesystemer',
  'tilgængelighedserklæring',
];

/** Kinds of legal source whose version must name a number or a date (a living guideline may say "gældende version"). */
const DATED_KINDS: readonly string[] = ['act', 'executive-order', 'judgment'];

type Doc = Record<string, unknown>;

/** What the checks share while one seed folder is read. */
interface SeedReading {
  dir: string;
  corpus: SeedCorpus;
  problems: SeedProblem[];
  sourceIds: Set<string>;
  keys: Set<string>;
}

const text = (v: unknown): v is string => typeof v === 'string' && /\S/.test(v);

function problem(r: SeedReading, file: string, where: string, message: string): void {
  r.problems.push({ file, where, message });
}

function readDoc(r: SeedReading, file: string, required: boolean): Doc | null {
  const full = path.join(r.dir, file);
  if (!existsSync(full)) {
    if (required) problem(r, file, '(file)', 'is missing');
    return null;
  }
  try {
    const doc = parse(readFileSync(full, 'utf8'));
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
      problem(r, file, '(file)', 'must be a YAML mapping');
      return null;
    }
    return doc as Doc;
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? `line ${e.linePos[0].line}` : '(file)';
    problem(r, file, where, `is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    return null;
  }
}

function listOf(r: SeedReading, doc: Doc | null, field: string, file: string): Doc[] {
  if (!doc) return [];
  const v = doc[field];
  if (!Array.isArray(v)) {
    problem(r, file, field, 'must be a list');
    return [];
  }
  return v.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problem(r, file, `${field}[${i}]`, 'must be a mapping');
      return {};
    }
    return item as Doc;
  });
}

/** The legal-source register: ids, required fields, and a version that names a number or date where the kind needs one. */
function readLegalSources(r: SeedReading): void {
  const file = SEED_FILES.legalSources;
  listOf(r, readDoc(r, file, true), 'legalSources', file).forEach((s, i) => {
    const where = `legalSources[${i}]${typeof s.id === 'string' ? ` (${s.id})` : ''}`;
    const bad = (field: string, why: string) => problem(r, file, `${where}.${field}`, why);
    if (typeof s.id !== 'string' || !LEGAL_SOURCE_ID_PATTERN.test(s.id)) bad('id', 'must be lower-case letters, digits and hyphens');
    else if (r.sourceIds.has(s.id)) bad('id', 'is a duplicate');
    for (const f of ['title', 'issuer', 'version'] as const) if (!text(s[f])) bad(f, 'must not be empty');
    if (!LEGAL_SOURCE_KINDS.includes(s.kind as never)) bad('kind', `must be one of ${LEGAL_SOURCE_KINDS.join(', ')}`);
    else if (DATED_KINDS.includes(s.kind as string) && text(s.version) && !/\d/.test(s.version))
      bad('version', `must name a number or a date for a legal source of kind ${String(s.kind)}`);
    if (typeof s.url !== 'string' || !/^https?:\/\/\S+$/.test(s.url)) bad('url', 'must be an http(s) URL');
    const unknownFields = Object.keys(s).filter((k) => !['id', 'title', 'kind', 'issuer', 'url', 'version'].includes(k));
    if (unknownFields.length) bad(unknownFields[0], 'is not a known field');
    if (typeof s.id === 'string') r.sourceIds.add(s.id);
    r.corpus.legalSources.push({
      id: String(s.id),
      title: String(s.title),
      kind: s.kind as LegalSource['kind'],
      issuer: String(s.issuer),
      url: String(s.url),
      version: String(s.version),
    });
  });
}

/** One requirement: key, status, the content fields, an obligation verb, a unique title and known legal sources. */
function readRequirement(r: SeedReading, category: Category, file: string, req: Doc, i: number, titles: Map<string, string>): void {
  const where = `requirements[${i}]${typeof req.key === 'string' ? ` (${req.key})` : ''}`;
  const bad = (field: string, why: string) => problem(r, file, `${where}.${field}`, why);
  const key = typeof req.key === 'string' ? req.key : '';
  const m = KEY_PATTERN.exec(key);
  if (!m || m[1] !== CATEGORY_PREFIX[category]) bad('key', `must be ${CATEGORY_PREFIX[category]}- followed by three digits`);
  else if (r.keys.has(key)) bad('key', 'is a duplicate');
  r.keys.add(key);
  const status = (req.status ?? 'active') as RequirementStatus;
  if (!REQUIREMENT_STATUSES.includes(status)) bad('status', `must be one of ${REQUIREMENT_STATUSES.join(', ')}`);
  const { key: _k, status: _s, ...content } = req;
  const dto = plainToInstance(RequirementContentDto, content);
  for (const e of flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }))) bad(e.field, e.reason);
  if (text(req.statement) && !OBLIGATION_VERB.test(req.statement)) bad('statement', 'must state an obligation with "skal" or "bør"');
  if (text(req.title)) {
    const normalised = req.title.trim().toLowerCase();
    const other = titles.get(normalised);
    if (other) bad('title', `is the same as the title of ${other}`);
    titles.set(normalised, key);
  }
  if (Array.isArray(req.legalSources)) {
    req.legalSources.forEach((s: { id?: unknown }, j: number) => {
      if (typeof s?.id === 'string' && !r.sourceIds.has(s.id))
        bad(`legalSources.${j}.id`, `'${s.id}' is not in ${SEED_FILES.legalSources}`);
    });
  }
  r.corpus.requirements.push({ key, category, status, content: dto });
}

/** Requirements, one file per category. */
function readRequirements(r: SeedReading): void {
  const titles = new Map<string, string>();
  for (const category of CATEGORIES) {
    const file = SEED_FILES.category(category);
    const doc = readDoc(r, file, true);
    if (doc && doc.category !== category) problem(r, file, 'category', `must be ${category}`);
    listOf(r, doc, 'requirements', file).forEach((req, i) => readRequirement(r, category, file, req, i, titles));
  }
}

/** Near-duplicate statements anywhere in the bank; a retired requirement is left out. */
function checkNearDuplicates(r: SeedReading): void {
  const active = r.corpus.requirements.filter((q) => q.status !== 'retired');
  const grams = active.map((q) => trigrams(typeof q.content.statement === 'string' ? q.content.statement : ''));
  for (let i = 0; i < grams.length; i++) {
    for (let j = i + 1; j < grams.length; j++) {
      const sim = trigramSimilarity(grams[i], grams[j]);
      if (sim < NEAR_DUPLICATE_THRESHOLD) continue;
      problem(
        r,
        SEED_FILES.category(active[j].category),
        `${active[j].key}.statement`,
        `is a near-duplicate of ${active[i].key} (trigram similarity ${sim.toFixed(2)} ≥ ${NEAR_DUPLICATE_THRESHOLD})`,
      );
    }
  }
}

/** Selection profiles: every item names an active requirement once, with a valid obligation. */
function readProfiles(r: SeedReading): void {
  const file = SEED_FILES.profiles;
  const profileIds = new Set<string>();
  const statusOf = new Map(r.corpus.requirements.map((q) => [q.key, q.status]));
  listOf(r, readDoc(r, file, false), 'profiles', file).forEach((p, i) => {
    const where = `profiles[${i}]${typeof p.id === 'string' ? ` (${p.id})` : ''}`;
    const bad = (field: string, why: string) => problem(r, file, `${where}.${field}`, why);
    if (typeof p.id !== 'string' || !LEGAL_SOURCE_ID_PATTERN.test(p.id)) bad('id', 'must be lower-case letters, digits and hyphens');
    else if (profileIds.has(p.id)) bad('id', 'is a duplicate');
    profileIds.add(String(p.id));
    if (!text(p.title)) bad('title', 'must not be empty');
    if (!text(p.description)) bad('description', 'must not be empty');
    const items = Array.isArray(p.items) ? (p.items as Doc[]) : [];
    if (!items.length) bad('items', 'must list at least one requirement');
    const seen = new Set<string>();
    items.forEach((it, j) => {
      const key = String(it?.key ?? '');
      if (!statusOf.has(key)) bad(`items[${j}].key`, `'${key}' is not a requirement in the bank`);
      else if (statusOf.get(key) !== 'active') bad(`items[${j}].key`, `'${key}' is not active (${statusOf.get(key)})`);
      if (seen.has(key)) bad(`items[${j}].key`, `'${key}' is listed twice`);
      seen.add(key);
      if (!OBLIGATIONS.includes(it?.obligation as never)) bad(`items[${j}].obligation`, `must be one of ${OBLIGATIONS.join(', ')}`);
    });
    r.corpus.profiles.push({
      id: String(p.id),
      title: String(p.title),
      description: String(p.description),
      items: items.map((it) => ({ key: String(it.key), obligation: it.obligation as Obligation })),
    });
  });
}

/** The machine-checkable parts of the level rule (seed-requirements/README.md), for active requirements. */
function checkLevelRule(r: SeedReading): void {
  const profiled = new Set(r.corpus.profiles.flatMap((p) => p.items.map((it) => it.key)));
  for (const q of r.corpus.requirements) {
    if (q.status !== 'active') continue;
    const file = SEED_FILES.category(q.category);
    const { level, obligation, tags } = q.content;
    if (level === 1 && !profiled.has(q.key))
      problem(r, file, `${q.key}.level`, 'is 1 (every procurement) but the requirement is in no profile');
    const conditions = level === 1 && Array.isArray(tags) ? tags.filter((t) => CONDITION_TAGS.includes(t)) : [];
    if (conditions.length)
      problem(r, file, `${q.key}.level`, `is 1 (every procurement) but the tags name a level-2 condition: ${conditions.join(', ')}`);
    if (level === 3 && obligation !== 'evaluated')
      problem(r, file, `${q.key}.obligation`, 'must be evaluated for a level-3 (high-risk) requirement');
  }
}

/** Reads and checks the seed folder. Nothing is loaded when `problems` is not empty. */
export function readSeed(dir: string): { corpus: SeedCorpus; problems: SeedProblem[] } {
  const reading: SeedReading = {
    dir,
    corpus: { legalSources: [], requirements: [], profiles: [] },
    problems: [],
    sourceIds: new Set(),
    keys: new Set(),
  };
  readLegalSources(reading);
  readRequirements(reading);
  checkNearDuplicates(reading);
  readProfiles(reading);
  checkLevelRule(reading);
  return { corpus: reading.corpus, problems: reading.problems };
}

export function formatProblems(problems: SeedProblem[]): string {
  return problems.map((p) => `${p.file}: ${p.where}: ${p.message}`).join('\n');
}
