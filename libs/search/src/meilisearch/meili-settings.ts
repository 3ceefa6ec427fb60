import type { Settings } from 'meilisearch';
import { MAX_SEARCH_WINDOW } from '../model.js';
import type { SearchVocabulary } from '../search-data.js';
import { FILTER_ATTRIBUTES } from './meili-filter.js';

/** Searchable attributes, most important first: Meilisearch's attribute ranking rule follows this order. */
export const SEARCHABLE_ATTRIBUTES = ['key', 'title', 'statement', 'rationale', 'guidance', 'tags', 'legalSourceTitles', 'legalSources'];
export const FACET_ATTRIBUTES = { category: 'category', level: 'level', tag: 'tags', legalSource: 'legalSources' } as const;

/** The index settings Kravbank wants, built from the search data. */
export function desiredSettings(vocabulary: SearchVocabulary): Settings {
  return {
    searchableAttributes: SEARCHABLE_ATTRIBUTES,
    filterableAttributes: Object.values(FILTER_ATTRIBUTES),
    sortableAttributes: ['browseOrder'],
    displayedAttributes: ['*'],
    stopWords: [...vocabulary.stopWords].sort(),
    synonyms: vocabulary.synonymMap(),
    // A key is an identifier: "SIK-017" must not find SIK-011. Numbers (ISAE 3402, ISO 27001) neither.
    typoTolerance: {
      enabled: true,
      disableOnAttributes: ['key'],
      disableOnNumbers: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    },
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: MAX_SEARCH_WINDOW },
  };
}

const sorted = (a: unknown): string[] => (Array.isArray(a) ? a.map(String).sort() : []);

function normalisedSynonyms(s: Settings['synonyms']): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const k of Object.keys(s ?? {}).sort()) out[k.toLowerCase()] = sorted(s![k]).map((v) => v.toLowerCase());
  return out;
}

/** The parts of `current` that differ from `desired` (only the settings Kravbank sets are compared). */
export function settingsDrift(current: Settings, desired: Settings): string[] {
  const drift: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(current.searchableAttributes, desired.searchableAttributes)) drift.push('searchableAttributes');
  if (!same(sorted(current.filterableAttributes), sorted(desired.filterableAttributes))) drift.push('filterableAttributes');
  if (!same(sorted(current.sortableAttributes), sorted(desired.sortableAttributes))) drift.push('sortableAttributes');
  if (!same(sorted(current.displayedAttributes), sorted(desired.displayedAttributes))) drift.push('displayedAttributes');
  if (!same(sorted(current.stopWords), sorted(desired.stopWords))) drift.push('stopWords');
  if (!same(normalisedSynonyms(current.synonyms), normalisedSynonyms(desired.synonyms))) drift.push('synonyms');
  const ct = current.typoTolerance ?? {};
  const dt = desired.typoTolerance ?? {};
  if (
    ct.enabled !== dt.enabled ||
    !same(sorted(ct.disableOnAttributes), sorted(dt.disableOnAttributes)) ||
    ct.disableOnNumbers !== dt.disableOnNumbers ||
    ct.minWordSizeForTypos?.oneTypo !== dt.minWordSizeForTypos?.oneTypo ||
    ct.minWordSizeForTypos?.twoTypos !== dt.minWordSizeForTypos?.twoTypos
  ) {
    drift.push('typoTolerance');
  }
  if (
    current.faceting?.maxValuesPerFacet !== desired.faceting?.maxValuesPerFacet ||
    !same(current.faceting?.sortFacetValuesBy, desired.faceting?.sortFacetValuesBy)
  ) {
    drift.push('faceting');
  }
  if (current.pagination?.maxTotalHits !== desired.pagination?.maxTotalHits) drift.push('pagination');
  return drift;
}
