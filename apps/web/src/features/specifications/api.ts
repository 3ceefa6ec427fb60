import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data, fileNameOf, saveFile } from '../../lib/api/client';
import type { ItemChange } from '../../lib/api/types';

export const specKey = (id: string) => ['specification', id] as const;

const LIMIT = 100;

/** Every page of a list (the API gives at most 100 a page): the first, then the rest at once. */
async function allPages<T>(page: (n: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const first = await page(1);
  const pages = Math.ceil(first.total / LIMIT);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 2)));
  return [first, ...rest].flatMap((p) => p.items);
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

export function useSpecification(id: string) {
  const path = { id };
  const spec = useQuery({
    queryKey: [...specKey(id), 'head'],
    queryFn: ({ signal }) => data(client.GET('/api/specifications/{id}', { params: { path }, signal })),
  });
  const items = useQuery({
    queryKey: [...specKey(id), 'items'],
    queryFn: ({ signal }) =>
      allPages((page) => data(client.GET('/api/specifications/{id}/items', { params: { path, query: { page, limit: LIMIT } }, signal }))),
  });
  const updates = useQuery({
    queryKey: [...specKey(id), 'updates'],
    queryFn: ({ signal }) =>
      allPages((page) => data(client.GET('/api/specifications/{id}/updates', { params: { path, query: { page, limit: LIMIT } }, signal }))),
    enabled: spec.data?.status === 'draft',
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

export const addLocalItem = (id: string, local: { title: string; statement: string }) =>
  data(client.POST('/api/specifications/{id}/items', { params: { path: { id } }, body: { local } }));

export const upgradeItem = (id: string, itemId: string) =>
  data(client.POST('/api/specifications/{id}/items/{itemId}/upgrade', { params: { path: { id, itemId } } }));

export const upgradeAll = (id: string) => data(client.POST('/api/specifications/{id}/upgrade-all', { params: { path: { id } } }));

export const finalize = (id: string) => data(client.POST('/api/specifications/{id}/finalize', { params: { path: { id } } }));

export const newRevision = (id: string) => data(client.POST('/api/specifications/{id}/revisions', { params: { path: { id } } }));

export type ExportFormat = 'docx' | 'csv' | 'json' | 'xlsx';

/** Downloads an export with the file name the service gives (Content-Disposition); the body is read as a blob. */
export async function download(id: string, format: ExportFormat, edition?: 'tender' | 'buyer'): Promise<string> {
  const call = client.GET('/api/specifications/{id}/export', { params: { path: { id }, query: { format, edition } }, parseAs: 'blob' });
  const { response } = await call;
  const blob = await data(call);
  const name = fileNameOf(response, `kravspecifikation.${format}`);
  saveFile(blob, name);
  return name;
}
