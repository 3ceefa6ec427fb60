import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, send } from '../../lib/api/client';
import type { ItemView, Page, ProfileSummary, SpecificationView, UpdateView } from '../../lib/api/types';

export const specKey = (id: string) => ['specification', id] as const;

/** Every page of a list (the API gives at most 100 a page): the first, then the rest at once. */
async function all<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  const first = await get<Page<T>>(path, { page: 1, limit: 100 }, signal);
  const pages = Math.ceil(first.total / 100);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, i) => get<Page<T>>(path, { page: i + 2, limit: 100 }, signal)),
  );
  return [first, ...rest].flatMap((p) => p.items);
}

export function useSpecifications() {
  return useQuery({
    queryKey: ['specifications', 'all'],
    queryFn: ({ signal }) => get<Page<SpecificationView>>('/api/specifications', { limit: 100 }, signal),
  });
}

export function useProfiles() {
  return useQuery({
    queryKey: ['profiles'],
    queryFn: ({ signal }) => get<Page<ProfileSummary> | ProfileSummary[]>('/api/profiles', {}, signal),
    staleTime: 300_000,
  });
}

export function useSpecification(id: string) {
  const spec = useQuery({
    queryKey: [...specKey(id), 'head'],
    queryFn: ({ signal }) => get<SpecificationView>(`/api/specifications/${id}`, {}, signal),
  });
  const items = useQuery({
    queryKey: [...specKey(id), 'items'],
    queryFn: ({ signal }) => all<ItemView>(`/api/specifications/${id}/items`, signal),
  });
  const updates = useQuery({
    queryKey: [...specKey(id), 'updates'],
    queryFn: ({ signal }) => all<UpdateView>(`/api/specifications/${id}/updates`, signal),
    enabled: spec.data?.status === 'draft',
  });
  return { spec, items, updates };
}

/** A change to the specification; afterwards every view of it is read again. */
export function useSpecMutation<V>(id: string, fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: specKey(id) }), qc.invalidateQueries({ queryKey: ['specifications'] })]),
  });
}

export const patchItem = (id: string, itemId: string, body: Record<string, unknown>) =>
  api<ItemView>('PATCH', `/api/specifications/${id}/items/${itemId}`, { body });

/** Downloads an export with the file name the service gives (Content-Disposition). */
export async function download(id: string, format: 'docx' | 'csv' | 'json' | 'xlsx', edition?: 'tender' | 'buyer'): Promise<string> {
  const res = await send('GET', `/api/specifications/${id}/export`, { query: { format, edition } });
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : (plain?.[1] ?? `kravspecifikation.${format}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
