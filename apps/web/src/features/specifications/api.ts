import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { client, data, downloadFile } from '../../lib/api/client';
import type { ExportEdition, ExportFormat, ItemChange, LocalRequirement, SpecificationView } from '../../lib/api/types';

export const specKey = (id: string) => ['specification', id] as const;

const LIMIT = 100;

/** Every page of a list (the API gives at most 100 a page): all at once when the count is known, else the first and then the rest. */
async function allPages<T>(page: (n: number) => Promise<{ items: T[]; total: number }>, known?: number): Promise<T[]> {
  const first = known === undefined ? await page(1) : null;
  const pages = Math.ceil((first?.total ?? known ?? 0) / LIMIT);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - (first ? 1 : 0)) }, (_, i) => page(i + (first ? 2 : 1))));
  return [...(first ? [first] : []), ...rest].flatMap((p) => p.items);
}

/** The specification as a list already read shows it, and when that list was read: the editor paints its heading at once. */
function listed(qc: QueryClient, id: string): { view: SpecificationView; at: number } | undefined {
  for (const query of qc.getQueryCache().findAll({ queryKey: ['specifications'] })) {
    const view = (query.state.data as { items?: SpecificationView[] } | undefined)?.items?.find((s) => s.id === id);
    if (view) return { view, at: query.state.dataUpdatedAt };
  }
  return undefined;
}

export function useSpecifications() {
  return useQuery({
    queryKey: ['specifications', 'all'],
    queryFn: ({ signal }) => data(client.GET('/api/specifications', { params: { query: { limit: LIMIT } }, signal })),
  });
}

export function useProfiles() {
  return useQuery({
    queryKey: ['profiles'],
    queryFn: ({ signal }) => data(client.GET('/api/profiles', { signal })),
    staleTime: 300_000,
  });
}

/** Every item of a specification, in position order. */
const itemsQuery = (qc: QueryClient, id: string) => ({
  queryKey: [...specKey(id), 'items'],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    allPages(
      (page) => data(client.GET('/api/specifications/{id}/items', { params: { path: { id }, query: { page, limit: LIMIT } }, signal })),
      (qc.getQueryData<SpecificationView>([...specKey(id), 'head']) ?? listed(qc, id)?.view)?.itemCount,
    ),
});

/** Reads the items when a link to the editor is pointed at, focused or clicked (before the editor renders): it opens with them sooner. */
export function usePrefetchItems(): (id: string) => void {
  const qc = useQueryClient();
  return (id) => void qc.prefetchQuery(itemsQuery(qc, id));
}

export function useSpecification(id: string) {
  const qc = useQueryClient();
  const path = { id };
  const spec = useQuery<SpecificationView>({
    queryKey: [...specKey(id), 'head'],
    queryFn: ({ signal }) => data(client.GET('/api/specifications/{id}', { params: { path }, signal })),
    // Seeded from a list read moments ago (the list is as fresh as a read of the one would be); read again when stale.
    initialData: () => listed(qc, id)?.view,
    initialDataUpdatedAt: () => listed(qc, id)?.at,
  });
  const items = useQuery(itemsQuery(qc, id));
  // Nyere versioner is secondary: asked for once the items are painted, so it never delays them.
  const updates = useQuery({
    queryKey: [...specKey(id), 'updates'],
    queryFn: ({ signal }) =>
      allPages((page) => data(client.GET('/api/specifications/{id}/updates', { params: { path, query: { page, limit: LIMIT } }, signal }))),
    enabled: spec.data?.status === 'draft' && items.isSuccess,
  });
  return { spec, items, updates };
}

/** A change to the specification; afterwards every view of it is read again. */
export function useSpecMutation<V, R = unknown>(id: string, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: specKey(id) }), qc.invalidateQueries({ queryKey: ['specifications'] })]),
  });
}

export const patchItem = (id: string, itemId: string, body: ItemChange) =>
  data(client.PATCH('/api/specifications/{id}/items/{itemId}', { params: { path: { id, itemId } }, body }));

export const removeItem = (id: string, itemId: string) =>
  data(client.DELETE('/api/specifications/{id}/items/{itemId}', { params: { path: { id, itemId } } }));

export const addLocalItem = (id: string, local: LocalRequirement) =>
  data(client.POST('/api/specifications/{id}/items', { params: { path: { id } }, body: { local } }));

export const upgradeItem = (id: string, itemId: string) =>
  data(client.POST('/api/specifications/{id}/items/{itemId}/upgrade', { params: { path: { id, itemId } } }));

export const upgradeAll = (id: string) => data(client.POST('/api/specifications/{id}/upgrade-all', { params: { path: { id } } }));

export const newRevision = (id: string) => data(client.POST('/api/specifications/{id}/revisions', { params: { path: { id } } }));

export type { ExportFormat };

/** Downloads an export with the file name the service gives (Content-Disposition); the body is read as a blob. */
export async function download(id: string, format: ExportFormat, edition?: ExportEdition): Promise<string> {
  const call = client.GET('/api/specifications/{id}/export', { params: { path: { id }, query: { format, edition } }, parseAs: 'blob' });
  return downloadFile(call, `kravspecifikation.${format}`);
}
