import type { SearchVocabulary } from '../search-data.js';
import { tokenize } from '../tokens.js';

/** At most this many groups (words or synonym phrases) of a query count; the rest is ignored. */
export const MAX_QUERY_GROUPS = 10;
/** Words shorter than this get no prefix match unless they are being typed (the last word). */
const PREFIX_MIN = 4;
/** A word shorter than this is not expanded by compound or typo matching. */
export const EXPAND_MIN = 4;

const KEY_LIKE = /^([a-z]{2,5})-(\d{1,6})$/;

/** One word or synonym phrase of a query: documents must match at least one of its operands. */
export interface QueryGroup {
  /** What the procurer typed for this group, normalised. */
  typed: string;
  /** tsquery operands that count as exact matches (no prefix), for ranking. */
  strict: string[];
  /** tsquery operands any of which satisfies the group (prefixes and synonyms). */
  broad: string[];
  /** A typed word the engine may expand with indexed words that contain it or look like it. */
  expand?: string;
  /** A requirement key or the start of one (`SIK-01`), matched against keys. */
  keyPrefix?: string;
  /** The full key it may mean (`sik-17` → `SIK-017`). */
  key?: string;
}

export interface QueryPlan {
  groups: QueryGroup[];
}

/** A tsquery operand for one token: quoted (tokens hold only letters, digits, `-` and `.`), with `:*` for a prefix. */
export function operand(token: string, prefix: boolean): string {
  if (!/^[\p{L}\p{N}][\p{L}\p{N}.-]*$/u.test(token)) throw new Error(`not a query token: ${JSON.stringify(token)}`);
  return `'${token}'${prefix ? ':*' : ''}`;
}

/**
 * The operand that decides whether a document matches. A hyphenated word ("it-systemet") is
 * matched by its parts, all of which must occur: as one operand the parser would make it a
 * phrase, and a phrase makes PostgreSQL re-read the whole tsvector of every candidate. The
 * phrase itself still counts for ranking (`strict`).
 */
export function matchOperand(token: string, prefix: boolean): string {
  const parts = token.split('-').filter((p) => p.length > 0);
  if (parts.length < 2) return operand(token, prefix);
  return `(${parts.map((p, j) => operand(p, prefix && j === parts.length - 1)).join(' & ')})`;
}

/**
 * Turns what a procurer typed into groups of tsquery operands: synonym phrases first
 * (longest match), then single words; stop words and one-letter words are dropped; long
 * words and the word being typed match as prefixes.
 */
export function planQuery(q: string, vocabulary: SearchVocabulary): QueryPlan {
  const tokens = tokenize(q).slice(0, MAX_QUERY_GROUPS * 3);
  const typingLast = !/\s$/.test(q);
  const groups: QueryGroup[] = [];
  const longest = vocabulary.longestPhrase;
  let i = 0;
  while (i < tokens.length && groups.length < MAX_QUERY_GROUPS) {
    let matched = false;
    for (let n = Math.min(longest, tokens.length - i); n >= 1 && !matched; n--) {
      const phrase = tokens.slice(i, i + n).join(' ');
      const synonyms = vocabulary.synonymsOf(phrase);
      if (!synonyms) continue;
      const isLast = i + n === tokens.length;
      groups.push(synonymGroup(phrase, synonyms, vocabulary, isLast && typingLast));
      i += n;
      matched = true;
    }
    if (matched) continue;
    const token = tokens[i];
    const isLast = i === tokens.length - 1;
    i++;
    if (vocabulary.stopWords.has(token)) continue;
    if (token.length === 1 && !/\p{N}/u.test(token)) continue;
    groups.push(wordGroup(token, isLast && typingLast));
  }
  return { groups };
}

function wordGroup(token: string, beingTyped: boolean): QueryGroup {
  const prefix = token.length >= PREFIX_MIN || (beingTyped && token.length >= 2);
  const key = KEY_LIKE.exec(token);
  // A key ("ark-01") stays a phrase: its own lexeme makes the phrase selective.
  const group: QueryGroup = {
    typed: token,
    strict: [operand(token, false)],
    broad: [key ? operand(token, prefix) : matchOperand(token, prefix)],
  };
  if (expandable(token)) group.expand = token;
  if (key) {
    group.keyPrefix = `${key[1].toUpperCase()}-${key[2]}`;
    group.key = `${key[1].toUpperCase()}-${key[2].padStart(3, '0')}`;
  }
  return group;
}

function synonymGroup(typed: string, phrases: readonly string[], vocabulary: SearchVocabulary, beingTyped: boolean): QueryGroup {
  const strict = new Set<string>();
  const broad = new Set<string>();
  for (const phrase of phrases) {
    const words = tokenize(phrase).filter((w) => !vocabulary.stopWords.has(w));
    if (!words.length) continue;
    const typedHere = phrase === typed || tokenize(phrase).join(' ') === typed;
    const ops = words.map((w, j) =>
      matchOperand(w, w.length >= PREFIX_MIN || (typedHere && beingTyped && j === words.length - 1 && w.length >= 2)),
    );
    broad.add(ops.length === 1 ? ops[0] : `(${ops.join(' & ')})`);
    for (const w of words) strict.add(operand(w, false));
  }
  const group: QueryGroup = { typed, strict: [...strict], broad: [...broad] };
  if (expandable(typed)) group.expand = typed;
  return group;
}

/** One word of letters (and maybe digits or hyphens), long enough to look for inside compounds and for typos. */
const expandable = (token: string) => token.length >= EXPAND_MIN && /\p{L}/u.test(token) && /^[\p{L}\p{N}-]+$/u.test(token);

/** `(a | b) & (c)`, or `(a | b) | (c)` when any group may match. */
export function combine(groups: Array<{ broad: string[] }>, mode: 'all' | 'any'): string {
  return groups.map((g) => `(${g.broad.join(' | ')})`).join(mode === 'all' ? ' & ' : ' | ');
}
