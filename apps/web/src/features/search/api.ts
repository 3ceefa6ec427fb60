import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, get } from '../../lib/api/client';
import type { Page, SearchResult, SpecificationView } from '../../lib/api/types';

export interface SearchState {
  q: string;
  category: string[];
  level: string[];
  tag: string[];
  legalSource: string[];
  page: number;
}

export const PAGE_SIZE = 20;

/**
 * Search while typing. Each answer is cached under its own query, and the list shows the answer
 * for the query in the URL now: an older request that answers late never replaces a newer one
 * (it is also aborted when the query changes).
 */
export function useSearch(s: SearchState) {
  return useQuery({
    queryKey: ['search', s],
    // The answer carries the words it answers, so the list never shows one query's hits under another's heading.
    queryFn: async ({ signal }) => ({
      ...(await get<SearchResult>(
        '/api/search',
        { q: s.q, category: s.category, level: s.level, tag: s.tag, legalSource: s.legalSource, page: s.page, limit: PAGE_SIZE },
        signal,
      )),
      q: s.q,
    }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useDraftSpecifications(enabled: boolean) {
  return useQuery({
    queryKey: ['specifications', 'draft'],
    queryFn: ({ signal }) => get<Page<SpecificationView>>('/api/specifications', { status: 'draft', limit: 50 }, signal),
    enabled,
  });
}

export function useAddToSpecification() {
  return useMutation({
    mutationFn: ({ specificationId, key }: { specificationId: string; key: string }) =>
      api('POST', `/api/specifications/${specificationId}/items`, { body: { requirementKey: key } }),
  });
}
