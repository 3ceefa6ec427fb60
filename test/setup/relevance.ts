import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { seedDir } from '@kravbank/common';
import type { SearchEngine } from '@kravbank/search';

export interface RelevanceCase {
  q: string;
  expect: string[];
}

export interface RelevanceReport {
  recall: number;
  queries: number;
  misses: Array<{ q: string; expected: string[]; top3: string[] }>;
}

export const RELEVANCE_FILE = path.join(seedDir(), 'search', 'relevance.yaml');

export function readRelevanceCases(file = RELEVANCE_FILE): RelevanceCase[] {
  const doc = parse(readFileSync(file, 'utf8')) as { queries?: RelevanceCase[] };
  if (!Array.isArray(doc?.queries)) throw new Error(`${file}: expected a list 'queries'`);
  return doc.queries;
}

/** recall@3: per query the share of its expected keys among the first three hits, averaged over the queries. */
export async function measureRecallAt3(engine: SearchEngine, cases: RelevanceCase[]): Promise<RelevanceReport> {
  let sum = 0;
  const misses: RelevanceReport['misses'] = [];
  for (const c of cases) {
    const result = await engine.search({ q: c.q, filters: { status: 'active' }, page: 1, limit: 3 });
    const top3 = result.hits.map((h) => h.key);
    const found = c.expect.filter((k) => top3.includes(k)).length;
    sum += found / c.expect.length;
    if (found < c.expect.length) misses.push({ q: c.q, expected: c.expect, top3 });
  }
  return { recall: sum / cases.length, queries: cases.length, misses };
}

export function describeRelevance(engine: string, r: RelevanceReport): string {
  const lines = [`${engine}: recall@3 = ${r.recall.toFixed(3)} over ${r.queries} queries, ${r.misses.length} miss(es)`];
  for (const m of r.misses) lines.push(`  miss: "${m.q}" expected ${m.expected.join(', ')}; top 3: ${m.top3.join(', ') || '(nothing)'}`);
  return lines.join('\n');
}
