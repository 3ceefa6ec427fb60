import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, client, data } from '../../lib/api/client';
import type { components, paths } from '../../lib/api/schema';
import { mapProblem, type MappedProblem } from '../../lib/problems';

export type Organisation = components['schemas']['Organisation'];
export type AdminUser = components['schemas']['AdminUser'];
export type ApiKey = components['schemas']['ApiKey'];
export type CreatedApiKey = components['schemas']['CreatedApiKey'];
export type ConfiguredProvider = components['schemas']['ConfiguredProvider'];
export type Role = AdminUser['roles'][number];

export const PAGE_SIZE = 20;
export const ROLES: Role[] = ['procurer', 'editor', 'committee', 'admin'];

export function useOrganisations(page: number, limit = PAGE_SIZE) {
  return useQuery({
    queryKey: ['admin', 'organisations', page, limit],
    queryFn: ({ signal }) => data(client.GET('/api/admin/organisations', { params: { query: { page, limit } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useUsers(page: number, organisationId: string, q: string) {
  return useQuery({
    queryKey: ['admin', 'users', page, organisationId, q],
    queryFn: ({ signal }) =>
      data(
        client.GET('/api/admin/users', {
          params: { query: { page, limit: PAGE_SIZE, organisationId: organisationId || undefined, q: q || undefined } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useApiKeys(page: number) {
  return useQuery({
    queryKey: ['admin', 'api-keys', page],
    queryFn: ({ signal }) => data(client.GET('/api/admin/api-keys', { params: { query: { page, limit: PAGE_SIZE } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useProviders() {
  return useQuery({
    queryKey: ['admin', 'providers'],
    queryFn: ({ signal }) => data(client.GET('/api/admin/providers', { signal })),
  });
}

type Body<P extends keyof paths, M extends 'post' | 'patch'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The admin API's changes, each typed by its route. */
export const adminCalls = {
  createOrganisation: ({ body }: { body: Body<'/api/admin/organisations', 'post'> }) =>
    data(client.POST('/api/admin/organisations', { body })),
  changeOrganisation: ({ id, body }: { id: string; body: Body<'/api/admin/organisations/{id}', 'patch'> }) =>
    data(client.PATCH('/api/admin/organisations/{id}', { params: { path: { id } }, body })),
  createUser: ({ body }: { body: Body<'/api/admin/users', 'post'> }) => data(client.POST('/api/admin/users', { body })),
  changeUser: ({ id, body }: { id: string; body: Body<'/api/admin/users/{id}', 'patch'> }) =>
    data(client.PATCH('/api/admin/users/{id}', { params: { path: { id } }, body })),
  createApiKey: ({ body }: { body: Body<'/api/admin/api-keys', 'post'> }) => data(client.POST('/api/admin/api-keys', { body })),
  revokeApiKey: ({ id }: { id: string }) => data(client.DELETE('/api/admin/api-keys/{id}', { params: { path: { id } } })),
};

/** A change through the admin API; every admin list is read again afterwards. */
export function useAdminChange<A, T>(call: (args: A) => Promise<T>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin'] }),
  });
}

/** The admin API's refusals are already in Danish: its field reasons and its details are shown as they are. */
export function adminProblem(error: unknown): MappedProblem {
  const mapped = mapProblem(error);
  if (!(error instanceof ApiError)) return mapped;
  for (const { field: path, reason = '' } of error.problem.errors ?? []) {
    if (!path) continue;
    const field = path.split('.').pop() ?? path;
    mapped.fields[field] = /^[a-zæøå]/.test(reason) ? `${reason[0].toUpperCase()}${reason.slice(1)}.` : mapped.fields[field];
  }
  const status = error.problem.status;
  if (!error.problem.errors?.length && (status === 403 || status === 409) && error.problem.detail) mapped.message = error.problem.detail;
  return mapped;
}
