import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';

type Schemas = components['schemas'];

/** One page of the audit trail; the query holds the API's filter names (entityType, entityId, action, actor, from, to). */
export function useAudit(query: Record<string, string | number>, enabled: boolean) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => get<Schemas['AuditEntryPage']>('/api/audit', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The chain check, run when asked (it reads the whole trail). */
export function useChainCheck(enabled: boolean) {
  return useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: ({ signal }) => get<Schemas['AuditVerification']>('/api/audit/verify', {}, signal),
    enabled,
    staleTime: 0,
  });
}
