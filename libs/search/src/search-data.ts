import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { seedDir } from '@kravbank/common';
import { phraseKey, tokenize } from './tokens.js';

/**
 * Synonyms and stop words, kept as data in `seed-requirements/search/` and used by both
 * engines: Meilisearch gets them as index settings, the Postgres engine expands queries
 * with them.
 */
export class SearchVocabulary {
  private readonly groupOf = new Map<string, number>();

  constructor(
    /** Groups of phrases that mean the same to a procurer; each phrase is lower case. */
    readonly synonymGroups: readonly string[][],
    /** Words a query ignores, lower case. */
    readonly stopWords: ReadonlySet<string>,
  ) {
    synonymGroups.forEach((g, i) => g.forEach((phrase) => this.groupOf.set(phraseKey(phrase), i)));
  }

  /** The phrase's synonym group (the phrase itself included), or undefined. Compares tokens, not spelling. */
  synonymsOf(phrase: string): readonly string[] | undefined {
    const i = this.groupOf.get(phraseKey(phrase));
    return i === undefined ? undefined : this.synonymGroups[i];
  }

  /** The longest phrase, in tokens, of any synonym group. */
  get longestPhrase(): number {
    return Math.max(1, ...this.synonymGroups.flat().map((p) => tokenize(p).length));
  }

  /** Meilisearch's multi-way synonym map: every phrase maps to the others of its group. */
  synonymMap(): Record<string, string[]> {
    const map: Record<string, string[]> = {};
    for (const group of this.synonymGroups) for (const phrase of group) map[phrase] = group.filter((p) => p !== phrase);
    return map;
  }

  static empty(): SearchVocabulary {
    return new SearchVocabulary([], new Set());
  }
}

export class SearchDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`The search data has problems:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'SearchDataError';
  }
}

export const normalisePhrase = (s: string): string => s.normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' ');

/** A phrase: words of letters and digits, joined by spaces or single inner hyphens, slashes or dots. */
const PHRASE = /^[\p{L}\p{N}]+(?:[-/. ][\p{L}\p{N}]+)*$/u;
const MAX_GROUP = 12;
const MAX_PHRASE = 60;

export const SEARCH_DATA_FILES = { synonyms: 'synonyms.yaml', stopWords: 'stopwords.yaml' } as const;

/** Checks the parsed files; returns the vocabulary or every problem found. */
export function parseSearchData(synonymsDoc: unknown, stopWordsDoc: unknown): { vocabulary?: SearchVocabulary; problems: string[] } {
  const problems: string[] = [];
  const groups: string[][] = [];
  const rawGroups = (synonymsDoc as { synonyms?: unknown } | null)?.synonyms;
  if (!Array.isArray(rawGroups)) problems.push(`${SEARCH_DATA_FILES.synonyms}: must have a list 'synonyms' of groups`);
  const seen = new Map<string, number>();
  for (const [i, raw] of (Array.isArray(rawGroups) ? rawGroups : []).entries()) {
    const where = `${SEARCH_DATA_FILES.synonyms}: synonyms[${i}]`;
    if (!Array.isArray(raw) || raw.length < 2 || raw.length > MAX_GROUP) {
      problems.push(`${where}: must be a list of 2 to ${MAX_GROUP} phrases`);
      continue;
    }
    const group: string[] = [];
    for (const p of raw) {
      if (typeof p !== 'string' && typeof p !== 'number') {
        problems.push(`${where}: ${JSON.stringify(p)} is not a phrase`);
        continue;
      }
      const phrase = normalisePhrase(String(p));
      const key = phraseKey(phrase);
      if (!PHRASE.test(phrase) || phrase.length > MAX_PHRASE) {
        problems.push(`${where}: '${p}' must be words of letters and digits (at most ${MAX_PHRASE} characters)`);
      } else if (seen.has(key)) {
        problems.push(`${where}: '${phrase}' is already in synonyms[${seen.get(key)}]; merge the two groups`);
      } else {
        seen.set(key, i);
        group.push(phrase);
      }
    }
    if (group.length >= 2) groups.push(group);
  }
  const rawStop = (stopWordsDoc as { stopWords?: unknown } | null)?.stopWords;
  if (!Array.isArray(rawStop)) problems.push(`${SEARCH_DATA_FILES.stopWords}: must have a list 'stopWords'`);
  const stopWords = new Set<string>();
  for (const w of Array.isArray(rawStop) ? rawStop : []) {
    const word = typeof w === 'string' ? normalisePhrase(w) : '';
    if (!/^[\p{L}]+$/u.test(word)) problems.push(`${SEARCH_DATA_FILES.stopWords}: '${String(w)}' must be one word of letters`);
    else if (seen.has(word))
      problems.push(
        `${SEARCH_DATA_FILES.stopWords}: '${word}' is also a synonym (synonyms[${seen.get(word)}]); a query cannot both ignore and expand it`,
      );
    else stopWords.add(word);
  }
  return problems.length ? { problems } : { vocabulary: new SearchVocabulary(groups, stopWords), problems };
}

/** Reads `<dir>/synonyms.yaml` and `<dir>/stopwords.yaml`; throws a SearchDataError naming every problem. */
export function loadSearchVocabulary(dir: string = path.join(seedDir(), 'search')): SearchVocabulary {
  const read = (file: string): unknown => {
    const full = path.join(dir, file);
    if (!existsSync(full)) throw new SearchDataError([`${file}: missing in ${dir}`]);
    try {
      return parse(readFileSync(full, 'utf8'));
    } catch (e) {
      throw new SearchDataError([`${file}: not valid YAML: ${(e as Error).message}`]);
    }
  };
  const { vocabulary, problems } = parseSearchData(read(SEARCH_DATA_FILES.synonyms), read(SEARCH_DATA_FILES.stopWords));
  if (!vocabulary) throw new SearchDataError(problems);
  return vocabulary;
}
