import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';

export type Schemas = components['schemas'];
export type Proposal = Schemas['ProposalView'];
export type ProposalState = Schemas['ProposalState'];
export type ProposalKind = Schemas['ProposalKind'];
export type ChangeType = Schemas['ChangeType'];
export type Content = Schemas['RequirementContent'];
export type Revision = Schemas['ProposalRevision'];
export type ProposalEvent = Schemas['ProposalEvent'];
export type Comment = Schemas['Comment'];
export type LegalSource = Schemas['LegalSourceView'];
export type Requirement = Schemas['RequirementView'];
export type VoteDecision = Schemas['VoteDecision'];

export interface ProposalFilters {
  state?: ProposalState;
  kind?: ProposalKind;
  changeType?: ChangeType;
  requirementKey?: string;
  open?: 'true';
  mine?: 'true';
  awaitingMyVote?: 'true';
  page: number;
}

export const PAGE_SIZE = 20;

export function useProposals(f: ProposalFilters, enabled = true) {
  return useQuery({
    queryKey: ['proposals', f],
    queryFn: ({ signal }) => data(client.GET('/api/change-proposals', { params: { query: { ...f, limit: PAGE_SIZE } }, signal })),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    enabled,
  });
}

export function useProposal(id: string) {
  return useQuery({
    queryKey: ['proposal', id],
    queryFn: ({ signal }) => data(client.GET('/api/change-proposals/{id}', { params: { path: { id } }, signal })),
    staleTime: 0,
  });
}

/** Fetched at once with the proposal (not after it): every workflow step invalidates everything under ['proposal', id]. */
export function useRevisions(id: string) {
  return useQuery({
    queryKey: ['proposal', id, 'revisions'],
    queryFn: ({ signal }) => data(client.GET('/api/change-proposals/{id}/revisions', { params: { path: { id } }, signal })),
  });
}

/** The history is short (a step per action); 100 covers every realistic proposal. */
export function useHistory(id: string) {
  return useQuery({
    queryKey: ['proposal', id, 'history'],
    queryFn: ({ signal }) =>
      data(client.GET('/api/change-proposals/{id}/history', { params: { path: { id }, query: { limit: 100 } }, signal })),
  });
}

export function useComments(id: string) {
  return useQuery({
    queryKey: ['proposal', id, 'comments'],
    queryFn: ({ signal }) =>
      data(client.GET('/api/change-proposals/{id}/comments', { params: { path: { id }, query: { limit: 100 } }, signal })),
  });
}

export function useRebasePreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['proposal', id, 'rebase'],
    queryFn: ({ signal }) => data(client.GET('/api/change-proposals/{id}/rebase', { params: { path: { id } }, signal })),
    enabled,
    staleTime: 0,
  });
}

export function useRequirement(key: string | undefined) {
  return useQuery({
    queryKey: ['requirement', key],
    queryFn: ({ signal }) => data(client.GET('/api/requirements/{key}', { params: { path: { key: key! } }, signal })),
    enabled: !!key,
  });
}

export function useVersion(key: string | null, version: number | null) {
  return useQuery({
    queryKey: ['version', key, version],
    queryFn: ({ signal }) =>
      data(client.GET('/api/requirements/{key}/versions/{n}', { params: { path: { key: key!, n: version! } }, signal })),
    enabled: !!key && !!version,
    staleTime: Infinity,
  });
}

export function useLegalSources() {
  return useQuery({
    queryKey: ['legal-sources', 'all'],
    queryFn: ({ signal }) => data(client.GET('/api/legal-sources', { params: { query: { limit: 100 } }, signal })),
    staleTime: 300_000,
  });
}

export function useCreateProposal() {
  return useMutation({
    mutationFn: ({ body, submit }: { body: Schemas['CreateProposalDto']; submit: boolean }) =>
      data(client.POST('/api/change-proposals', { body })).then((p) =>
        submit ? data(client.POST('/api/change-proposals/{id}/submit', { params: { path: { id: p.id } } })) : p,
      ),
  });
}

type Step =
  | { action: 'submit' | 'send-to-review' | 'withdraw' | 'publish' | 'rebase' }
  | { action: 'votes'; body: Schemas['VoteDto'] }
  | { action: 'reject'; body: Schemas['RejectDto'] }
  | { action: 'revise'; body: Schemas['ReviseDto'] };

/** The call of one workflow step, each typed by its route. */
function stepCall(id: string, step: Step) {
  const path = { params: { path: { id } } };
  switch (step.action) {
    case 'votes':
      return client.POST('/api/change-proposals/{id}/votes', { ...path, body: step.body });
    case 'reject':
      return client.POST('/api/change-proposals/{id}/reject', { ...path, body: step.body });
    case 'revise':
      return client.POST('/api/change-proposals/{id}/revise', { ...path, body: step.body });
    default:
      return client.POST(`/api/change-proposals/{id}/${step.action}`, path);
  }
}

/** One workflow step; the answer is the proposal as it is now, and everything about it is read again. */
export function useProposalStep(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (step: Step) => data(stepCall(id, step)),
    onSuccess: (p) => {
      qc.setQueryData(['proposal', id], p);
      void qc.invalidateQueries({ queryKey: ['proposal', id] });
      void qc.invalidateQueries({ queryKey: ['proposals'] });
    },
  });
}

export function useAddComment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => data(client.POST('/api/change-proposals/{id}/comments', { params: { path: { id } }, body: { text } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['proposal', id] }),
  });
}
