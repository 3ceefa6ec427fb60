import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from './api/client';

/** The organisation's open drafts: the Forside lists them, and every "Tilføj" picks one of them. */
export function useDraftSpecifications(enabled = true) {
  return useQuery({
    queryKey: ['specifications', 'draft'],
    queryFn: ({ signal }) => data(client.GET('/api/specifications', { params: { query: { status: 'draft', limit: 50 } }, signal })),
    enabled,
  });
}

/** Adds a bank requirement to a draft; afterwards that specification and the lists are read again. */
export function useAddToSpecification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ specificationId, key }: { specificationId: string; key: string }) =>
      data(client.POST('/api/specifications/{id}/items', { params: { path: { id: specificationId } }, body: { requirementKey: key } })),
    onSuccess: (_item, { specificationId }) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ['specification', specificationId] }),
        qc.invalidateQueries({ queryKey: ['specifications'] }),
      ]),
  });
}
