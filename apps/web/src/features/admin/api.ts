import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, get } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { mapProblem, type MappedProblem } from '../../lib/problems';

export type Organisation = components['schemas']['Organisation'];
export type AdminUser = components['schemas']['AdminUser'];
export type ApiKey = components['schemas']['ApiKey'];
export type CreatedApiKey = components['schemas']['CreatedApiKey'];
export type ConfiguredProvider = components['schemas']['ConfiguredProvider'];
export type Role = AdminUser['roles'][number];
type Page<T> = { items: T[]; total: number; page: number; limit: number };

export const PAGE_SIZE = 20;
export const ROLES: Role[] = ['procurer', 'editor', 'committee', 'admin'];

export function useOrganisations(page: number, limit = PAGE_SIZE) {
  return useQuery({
    queryKey: ['admin', 'organisations', page, limit],
    queryFn: ({ signal }) => get<Page<Organisation>>('/api/admin/organisations', { page, limit }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUsers(page: number, organisationId: string, q: string) {
  return useQuery({
    queryKey: ['admin', 'users', page, organisationId, q],
    queryFn: ({ signal }) => get<Page<AdminUser>>('/api/admin/users', { page, limit: PAGE_SIZE, organisationId, q }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useApiKeys(page: number) {
  return useQuery({
    queryKey: ['admin', 'api-keys', page],
    queryFn: ({ signal }) => get<Page<ApiKey>>('/api/admin/api-keys', { page, limit: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProviders() {
  return useQuery({
    queryKey: ['admin', 'providers'],
    queryFn: ({ signal }) => get<ConfiguredProvider[]>('/api/admin/providers', undefined, signal),
  });
}

/** A change through the admin API; every admin list is read again afterwards. */
export function useAdminChange<T>(method: 'POST' | 'PATCH' | 'DELETE', path: (id?: string) => string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body?: unknown }) => api<T>(method, path(id), { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin'] }),
  });
}

/** The admin API's refusals are already in Danish: its field reasons and its details are shown as they are. */
export function adminProblem(error: unknown): MappedProblem {
  const mapped = mapProblem(error);
  if (!(error instanceof ApiError)) return mapped;
  for (const e of error.problem.errors ?? []) {
    const field = e.field.split('.').pop() ?? e.field;
    mapped.fields[field] = /^[a-zæøå]/.test(e.reason) ? `${e.reason[0].toUpperCase()}${e.reason.slice(1)}.` : mapped.fields[field];
  }
  const status = error.problem.status;
  if (!error.problem.errors?.length && (status === 403 || status === 409) && error.problem.detail) mapped.message = error.problem.detail;
  return mapped;
}
