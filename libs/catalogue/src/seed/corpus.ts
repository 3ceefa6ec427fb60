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

/** Reads and checks the seed folder. Nothing is loaded when `problems` is not empty. */
export function readSeed(dir: string): { corpus: SeedCorpus; problems: SeedProblem[] } {
  const problems: SeedProblem[] = [];
  const corpus: SeedCorpus = { legalSources: [], requirements: [], profiles: [] };
  const problem = (file: string, where: string, message: string) => problems.push({ file, where, message });

  const read = (file: string, required: boolean): Record<string, unknown> | null => {
    const full = path.join(dir, file);
    if (!existsSync(full)) {
      if (required) problem(file, '(file)', 'is missing');
      return null;
    }
    try {
      const doc = parse(readFileSync(full, 'utf8'));
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
        problem(file, '(file)', 'must be a YAML mapping');
        return null;
      }
      return doc as Record<string, unknown>;
    } catch (e) {
      const where = e instanceof YAMLParseError && e.linePos ? `line ${e.linePos[0].line}` : '(file)';
      problem(file, where, `is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
      return null;
    }
  };

  const list = (doc: Record<string, unknown> | null, field: string, file: string): Record<string, unknown>[] => {
    if (!doc) return [];
    const v = doc[field];
    if (!Array.isArray(v)) {
      problem(file, field, 'must be a list');
      return [];
    }
    return v.map((item, i) => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        problem(file, `${field}[${i}]`, 'must be a mapping');
        return {};
      }
      return item as Record<string, unknown>;
    });
  };

  const text = (v: unknown): v is string => typeof v === 'string' && /\S/.test(v);

  // The legal-source register.
  const sourceIds = new Set<string>();
  list(read(SEED_FILES.legalSources, true), 'legalSources', SEED_FILES.legalSources).forEach((s, i) => {
    const file = SEED_FILES.legalSources;
    const where = `legalSources[${i}]${typeof s.id === 'string' ? ` (${s.id})` : ''}`;
    const bad = (field: string, why: string) => problem(file, `${where}.${field}`, why);
    if (typeof s.id !== 'string' || !LEGAL_SOURCE_ID_PATTERN.test(s.id)) bad('id', 'must be lower-case letters, digits and hyphens');
    else if (sourceIds.has(s.id)) bad('id', 'is a duplicate');
    for (const f of ['title', 'issuer', 'version'] as const) if (!text(s[f])) bad(f, 'must not be empty');
    if (!LEGAL_SOURCE_KINDS.includes(s.kind as never)) bad('kind', `must be one of ${LEGAL_SOURCE_KINDS.join(', ')}`);
    if (typeof s.url !== 'string' || !/^https?:\/\/\S+$/.test(s.url)) bad('url', 'must be an http(s) URL');
    const unknownFields = Object.keys(s).filter((k) => !['id', 'title', 'kind', 'issuer', 'url', 'version'].includes(k));
    if (unknownFields.length) bad(unknownFields[0], 'is not a known field');
    if (typeof s.id === 'string') sourceIds.add(s.id);
    corpus.legalSources.push({
      id: String(s.id),
      title: String(s.title),
      kind: s.kind as LegalSource['kind'],
      issuer: String(s.issuer),
      url: String(s.url),
      version: String(s.version),
    });
  });

  // Requirements, one file per category.
  const keys = new Set<string>();
  const titles = new Map<string, string>();
  for (const category of CATEGORIES) {
    const file = SEED_FILES.category(category);
    const doc = read(file, true);
    if (doc && doc.category !== category) problem(file, 'category', `must be ${category}`);
    list(doc, 'requirements', file).forEach((r, i) => {
      const where = `requirements[${i}]${typeof r.key === 'string' ? ` (${r.key})` : ''}`;
      const bad = (field: string, why: string) => problem(file, `${where}.${field}`, why);
      const key = typeof r.key === 'string' ? r.key : '';
      const m = KEY_PATTERN.exec(key);
      if (!m || m[1] !== CATEGORY_PREFIX[category]) bad('key', `must be ${CATEGORY_PREFIX[category]}- followed by three digits`);
      else if (keys.has(key)) bad('key', 'is a duplicate');
      keys.add(key);
      const status = (r.status ?? 'active') as RequirementStatus;
      if (!REQUIREMENT_STATUSES.includes(status)) bad('status', `must be one of ${REQUIREMENT_STATUSES.join(', ')}`);
      const { key: _k, status: _s, ...content } = r;
      const dto = plainToInstance(RequirementContentDto, content);
      for (const e of flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }))) bad(e.field, e.reason);
      if (text(r.statement) && !OBLIGATION_VERB.test(r.statement)) bad('statement', 'must state an obligation with "skal" or "bør"');
      if (text(r.title)) {
        const normalised = r.title.trim().toLowerCase();
        const other = titles.get(normalised);
        if (other) bad('title', `is the same as the title of ${other}`);
        titles.set(normalised, key);
      }
      if (Array.isArray(r.legalSources)) {
        r.legalSources.forEach((s: { id?: unknown }, j: number) => {
          if (typeof s?.id === 'string' && !sourceIds.has(s.id))
            bad(`legalSources.${j}.id`, `'${s.id}' is not in ${SEED_FILES.legalSources}`);
        });
      }
      corpus.requirements.push({ key, category, status, content: dto });
    });
  }

  // Near-duplicate statements anywhere in the bank.
  const grams = corpus.requirements.map((r) => trigrams(typeof r.content.statement === 'string' ? r.content.statement : ''));
  for (let i = 0; i < grams.length; i++) {
    for (let j = i + 1; j < grams.length; j++) {
      const sim = trigramSimilarity(grams[i], grams[j]);
      if (sim >= NEAR_DUPLICATE_THRESHOLD) {
        const [a, b] = [corpus.requirements[i], corpus.requirements[j]];
        problem(
          SEED_FILES.category(b.category),
          `${b.key}.statement`,
          `is a near-duplicate of ${a.key} (trigram similarity ${sim.toFixed(2)} ≥ ${NEAR_DUPLICATE_THRESHOLD})`,
        );
      }
    }
  }

  // Selection profiles.
  const profileIds = new Set<string>();
  list(read(SEED_FILES.profiles, false), 'profiles', SEED_FILES.profiles).forEach((p, i) => {
    const file = SEED_FILES.profiles;
    const where = `profiles[${i}]${typeof p.id === 'string' ? ` (${p.id})` : ''}`;
    const bad = (field: string, why: string) => problem(file, `${where}.${field}`, why);
    if (typeof p.id !== 'string' || !LEGAL_SOURCE_ID_PATTERN.test(p.id)) bad('id', 'must be lower-case letters, digits and hyphens');
    else if (profileIds.has(p.id)) bad('id', 'is a duplicate');
    profileIds.add(String(p.id));
    if (!text(p.title)) bad('title', 'must not be empty');
    if (!text(p.description)) bad('description', 'must not be empty');
    const items = Array.isArray(p.items) ? (p.items as Array<Record<string, unknown>>) : [];
    if (!items.length) bad('items', 'must list at least one requirement');
    const seen = new Set<string>();
    items.forEach((it, j) => {
      const key = String(it?.key ?? '');
      if (!keys.has(key)) bad(`items[${j}].key`, `'${key}' is not a requirement in the bank`);
      else if (corpus.requirements.find((r) => r.key === key)?.status === 'retired') bad(`items[${j}].key`, `'${key}' is retired`);
      if (seen.has(key)) bad(`items[${j}].key`, `'${key}' is listed twice`);
      seen.add(key);
      if (!OBLIGATIONS.includes(it?.obligation as never)) bad(`items[${j}].obligation`, `must be one of ${OBLIGATIONS.join(', ')}`);
    });
    corpus.profiles.push({
      id: String(p.id),
      title: String(p.title),
      description: String(p.description),
      items: items.map((it) => ({ key: String(it.key), obligation: it.obligation as Obligation })),
    });
  });

  return { corpus, problems };
}

export function formatProblems(problems: SeedProblem[]): string {
  return problems.map((p) => `${p.file}: ${p.where}: ${p.message}`).join('\n');
}
