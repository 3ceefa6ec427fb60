import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { client, data } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';

type AuditQuery = NonNullable<paths['/api/audit']['get']['parameters']['query']>;

/** One page of the audit trail; the query holds the API's filter names (entityType, entityId, action, actor, from, to). */
export function useAudit(query: AuditQuery, enabled: boolean) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => data(client.GET('/api/audit', { params: { query }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The chain check, run when asked (it reads the whole trail). */
export function useChainCheck(enabled: boolean) {
  return useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: ({ signal }) => data(client.GET('/api/audit/verify', { signal })),
    enabled,
    staleTime: 0,
  });
}
