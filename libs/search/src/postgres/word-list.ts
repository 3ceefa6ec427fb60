/**
 * The indexed words (unstemmed, accents folded), held in memory to find compounds that
 * contain a query word and words that look like a misspelt one, without a database round
 * trip per query. Trigram similarity follows pg_trgm: each word padded with two spaces in
 * front and one behind, similarity = shared trigrams / all trigrams of the two.
 */
export class WordList {
  private readonly trigrams: Array<Set<string>>;

  constructor(readonly words: readonly string[]) {
    this.trigrams = words.map(trigramsOf);
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
