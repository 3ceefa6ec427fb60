import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { client, data } from '../../lib/api/client';
import type { Category } from '../../lib/api/types';

export interface SearchState {
  q: string;
  category: Category[];
  level: Array<1 | 2 | 3>;
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
    queryFn: async ({ signal }) => {
      const query = { q: s.q || undefined, category: s.category, level: s.level, tag: s.tag, legalSource: s.legalSource };
      const result = await data(client.GET('/api/search', { params: { query: { ...query, page: s.page, limit: PAGE_SIZE } }, signal }));
      return { ...result, q: s.q };
    },
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
