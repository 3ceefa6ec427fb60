import { contentHash, readSeed } from '@kravbank/catalogue';
import { seedDir } from '@kravbank/common';
import type { SnapshotItem, SpecificationSnapshot } from '../snapshot.js';
import { makeSnapshot } from './snapshot.fixture.js';

/**
 * A specification made from the seed corpus itself: the items of a profile (by default
 * `fagsystem-personoplysninger`, 57 requirements) with the bank's own texts, legal sources and
 * content hashes, in the bank's category order. For the layout's density goal and the office
 * round trip, which need real texts rather than synthetic ones.
 */
export function seedSnapshot(profileId = 'fagsystem-personoplysninger', status: 'draft' | 'final' = 'final'): SpecificationSnapshot {
  const { corpus, problems } = readSeed(seedDir());
  if (problems.length) throw new Error(`The seed corpus has problems: ${problems.map((p) => p.message).join('; ')}`);
  const profile = corpus.profiles.find((p) => p.id === profileId);
  if (!profile) throw new Error(`No profile ${profileId} in the seed corpus.`);
  const byKey = new Map(corpus.requirements.map((r) => [r.key, r]));
  const sourceById = new Map(corpus.legalSources.map((s) => [s.id, s]));
  const items: SnapshotItem[] = profile.items.map((entry, i) => {
    const r = byKey.get(entry.key);
    if (!r) throw new Error(`Profile ${profileId} names ${entry.key}, which the corpus lacks.`);
    const c = r.content;
    return {
      id: `00000000-0000-4000-a000-${String(i + 1).padStart(12, '0')}`,
      position: i + 1,
      section: null,
      source: 'bank',
      key: r.key,
      version: 1,
      category: r.category,
      title: c.title,
      statement: c.statement,
      rationale: c.rationale,
      guidance: c.guidance,
      verification: c.verification,
      level: c.level,
      obligation: entry.obligation,
      weight: null,
      note: null,
      legalSources: c.legalSources.map((s) => ({ id: s.id, section: s.section ?? null, title: sourceById.get(s.id)?.title ?? s.id })),
      contentHash: contentHash(c),
    };
  });
  const cited = new Set(items.flatMap((i) => i.legalSources.map((s) => s.id)));
  const base = makeSnapshot({ status, items, title: profile.title });
  return { ...base, legalSources: corpus.legalSources.filter((s) => cited.has(s.id)) };
}
