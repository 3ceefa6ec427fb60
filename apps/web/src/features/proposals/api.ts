import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../lib/api/client';
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
const base = (id: string) => `/api/change-proposals/${id}`;

export function useProposals(f: ProposalFilters, enabled = true) {
  return useQuery({
    queryKey: ['proposals', f],
    queryFn: ({ signal }) => get<Schemas['ProposalViewPage']>('/api/change-proposals', { ...f, limit: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    enabled,
  });
}

export function useProposal(id: string) {
  return useQuery({ queryKey: ['proposal', id], queryFn: ({ signal }) => get<Proposal>(base(id), {}, signal), staleTime: 0 });
}

/** Fetched at once with the proposal (not after it): every workflow step invalidates everything under ['proposal', id]. */
export function useRevisions(id: string) {
  return useQuery({
    queryKey: ['proposal', id, 'revisions'],
    queryFn: ({ signal }) => get<Schemas['ProposalRevisions']>(`${base(id)}/revisions`, {}, signal),
  });
}

/** The history is short (a step per action); 100 covers every realistic proposal. */
export function useHistory(id: string) {
  return useQuery({
    queryKey: ['proposal', id, 'history'],
    queryFn: ({ signal }) => get<Schemas['ProposalEventPage']>(`${base(id)}/history`, { limit: 100 }, signal),
  });
}

export function useComments(id: string) {
  return useQuery({
    queryKey: ['proposal', id, 'comments'],
    queryFn: ({ signal }) => get<Schemas['CommentPage']>(`${base(id)}/comments`, { limit: 100 }, signal),
  });
}

export function useRebasePreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['proposal', id, 'rebase'],
    queryFn: ({ signal }) => get<Schemas['RebasePreview']>(`${base(id)}/rebase`, {}, signal),
    enabled,
    staleTime: 0,
  });
}

export function useRequirement(key: string | undefined) {
  return useQuery({
    queryKey: ['requirement', key],
    queryFn: ({ signal }) => get<Requirement>(`/api/requirements/${key}`, {}, signal),
    enabled: !!key,
  });
}

export function useVersion(key: string | null, version: number | null) {
  return useQuery({
    queryKey: ['version', key, version],
    queryFn: ({ signal }) => get<Schemas['VersionView']>(`/api/requirements/${key}/versions/${version}`, {}, signal),
    enabled: !!key && !!version,
    staleTime: Infinity,
  });
}

export function useLegalSources() {
  return useQuery({
    queryKey: ['legal-sources', 'all'],
    queryFn: ({ signal }) => get<Schemas['LegalSourceViewPage']>('/api/legal-sources', { limit: 100 }, signal),
    staleTime: 300_000,
  });
}

export function useCreateProposal() {
  return useMutation({
    mutationFn: ({ body, submit }: { body: Schemas['CreateProposalDto']; submit: boolean }) =>
      api<Proposal>('POST', '/api/change-proposals', { body }).then((p) => (submit ? api<Proposal>('POST', `${base(p.id)}/submit`) : p)),
  });
}

type Step =
  | { action: 'submit' | 'send-to-review' | 'withdraw' | 'publish' | 'rebase' }
  | { action: 'votes'; body: Schemas['VoteDto'] }
  | { action: 'reject'; body: Schemas['RejectDto'] }
  | { action: 'revise'; body: Schemas['ReviseDto'] };

/** One workflow step; the answer is the proposal as it is now, and everything about it is read again. */
export function useProposalStep(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (step: Step) => api<Proposal>('POST', `${base(id)}/${step.action}`, { body: 'body' in step ? step.body : undefined }),
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
    mutationFn: (text: string) => api<Comment>('POST', `${base(id)}/comments`, { body: { text } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['proposal', id] }),
  });
}
