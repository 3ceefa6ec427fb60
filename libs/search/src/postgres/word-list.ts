/**
 * The indexed words (unstemmed, accents folded), held in memory to find compounds that
 * contain a query word and words that look like a misspelt one, without a database round
 * trip per query. Trigram similarity follows pg_trgm: each word padded with two spaces in
 * front and one behind, similarity = shared trigrams / all trigrams of the two.
 */
export class WordList {
  private readonly trigrams: Array<Set<string>>;
  /** In JavaScript's order, whatever the database's collation sorted them by. */
  private readonly sorted: string[];
  /** How many documents contain each word of `sorted`. */
  private readonly sortedDocuments: number[];

  /** `documents[i]`: how many documents contain `words[i]` (0 when not known). */
  constructor(
    readonly words: readonly string[],
    documents: readonly number[] = [],
  ) {
    this.trigrams = words.map(trigramsOf);
    const order = words.map((_, i) => i).sort((a, b) => (words[a] < words[b] ? -1 : words[a] > words[b] ? 1 : 0));
    this.sorted = order.map((i) => words[i]);
    this.sortedDocuments = order.map((i) => documents[i] ?? 0);
  }

  get size(): number {
    return this.words.length;
  }

  /** Words that contain `term` but do not start with it (those a prefix match finds already), shortest first. */
  containing(term: string, limit: number): string[] {
    const t = foldAccents(term);
    if (!t) return [];
    return this.words
      .filter((w) => w.length > t.length && w.includes(t) && !w.startsWith(t))
      .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
      .slice(0, limit);
  }

  /** Whether some word starts with `prefix` (accents folded). */
  hasPrefix(prefix: string): boolean {
    const p = foldAccents(prefix);
    const i = this.firstAtOrAfter(p);
    return i < this.sorted.length && this.sorted[i].startsWith(p);
  }

  /**
   * The most documents any one word that starts with `prefix` (accents folded) occurs in: at
   * least that many documents match the prefix.
   */
  documentsWithPrefix(prefix: string): number {
    const p = foldAccents(prefix);
    let most = 0;
    for (let i = this.firstAtOrAfter(p); i < this.sorted.length && this.sorted[i].startsWith(p); i++) {
      most = Math.max(most, this.sortedDocuments[i]);
    }
    return most;
  }

  private firstAtOrAfter(p: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Words at least `threshold` similar to `term` (pg_trgm similarity), most similar first. */
  similar(term: string, threshold: number, limit: number): string[] {
    const t = foldAccents(term);
    const mine = trigramsOf(t);
    if (!mine.size) return [];
    const out: Array<[string, number]> = [];
    for (let i = 0; i < this.words.length; i++) {
      const w = this.words[i];
      // Similarity cannot reach the threshold when the lengths differ too much.
      if (w === t || Math.min(w.length, t.length) + 2 < threshold * (Math.max(w.length, t.length) + 2)) continue;
      const theirs = this.trigrams[i];
      let shared = 0;
      for (const g of mine) if (theirs.has(g)) shared++;
      const s = shared / (mine.size + theirs.size - shared);
      if (s >= threshold) out.push([w, s]);
    }
    return out
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([w]) => w);
  }
}

/**
 * The start of a word that the Danish Snowball stemmer always keeps: it removes suffixes only
 * inside R1, the part after the first consonant that follows a vowel, and never from the first
 * three letters. Any indexed word a query word's stem can match therefore starts with this.
 * `word` is folded already (æ → ae, ø → o, å → a, as unaccent does before the stemmer).
 */
export function danishStemKeeps(word: string): string {
  const vowel = (c: string) => 'aeiouy'.includes(c);
  let i = 0;
  while (i < word.length && !vowel(word[i])) i++;
  while (i < word.length && vowel(word[i])) i++;
  return word.slice(0, Math.max(3, i + 1));
}

export function trigramsOf(word: string): Set<string> {
  const out = new Set<string>();
  for (const part of word.split(/[^\p{L}\p{N}]+/u)) {
    if (!part) continue;
    const padded = `  ${part} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

const SPECIAL: Record<string, string> = { æ: 'ae', ø: 'o', œ: 'oe', ß: 'ss', ð: 'd', þ: 'th', ł: 'l', đ: 'd' };

/** Lower case without accents, as PostgreSQL's `unaccent` folds the indexed words (æ → ae, ø → o, å → a). */
export function foldAccents(text: string): string {
  return text
    .toLowerCase()
    .replace(/[æøœßðþłđ]/g, (c) => SPECIAL[c])
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}
