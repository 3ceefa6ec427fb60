import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, client, data, downloadFile } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import type { SpecificationView } from '../../lib/api/types';

/** The offer and scoring views, from the generated OpenAPI schema. */
type Schemas = components['schemas'];
export type Offer = Schemas['OfferView'];
export type OfferDetail = Schemas['OfferDetail'];
export type ImportReport = Schemas['ImportReport'];
export type ImportSummary = Schemas['ImportSummary'];
export type ReportRow = Schemas['ImportReportRow'];
export type RowFlag = Schemas['RowFlag'];
export type Finding = Schemas['ImportFinding'];
export type ScoringMatrix = Schemas['ScoringMatrix'];
export type ScoreCell = Schemas['ScoreCell'];
export type ScoringItem = Schemas['ScoringItem'];
export type ScoringOffer = Schemas['ScoringOffer'];
export type ScoreInput = Schemas['ScoreDto'];

/** Offers of a specification: every view of them shares this key, so a change reads them all again. */
export const offersKey = (id: string) => ['offers', id] as const;

/** Offers a page (the API gives at most 100; a specification may have 100 offers). */
export const OFFERS_PER_PAGE = 20;
/** EKs a page of the scoring matrix: each brings a form per offer, so a page stays short. */
export const EKS_PER_PAGE = 5;

/** The specification's heading (title, status, revision): the same query the editor reads. */
export function useSpecificationHead(id: string) {
  return useQuery<SpecificationView>({
    queryKey: ['specification', id, 'head'],
    queryFn: ({ signal }) => data(client.GET('/api/specifications/{id}', { params: { path: { id } }, signal })),
  });
}

export function useOffers(id: string, page: number, enabled = true) {
  return useQuery({
    queryKey: [...offersKey(id), 'list', page],
    queryFn: ({ signal }) =>
      data(client.GET('/api/specifications/{id}/offers', { params: { path: { id }, query: { page, limit: OFFERS_PER_PAGE } }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOffer(id: string, offerId: string) {
  return useQuery({
    queryKey: [...offersKey(id), 'offer', offerId],
    queryFn: ({ signal }) => data(client.GET('/api/specifications/{id}/offers/{offerId}', { params: { path: { id, offerId } }, signal })),
  });
}

export function useScores(id: string, page: number, enabled = true) {
  return useQuery({
    queryKey: [...offersKey(id), 'scores', page],
    queryFn: ({ signal }) =>
      data(client.GET('/api/specifications/{id}/scores', { params: { path: { id }, query: { page, limit: EKS_PER_PAGE } }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A change to the offers or their scores; afterwards every view of them is read again. */
export function useOffersMutation<V, R = unknown>(id: string, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: offersKey(id) }) });
}

export const createOffer = (id: string, body: { bidderName: string; cvr: string }) =>
  data(client.POST('/api/specifications/{id}/offers', { params: { path: { id } }, body }));

export const deleteOffer = (id: string, offerId: string) =>
  data(client.DELETE('/api/specifications/{id}/offers/{offerId}', { params: { path: { id, offerId } } }));

/** Sends the bidder's returned annex as the multipart field `file` (the browser sets the boundary). */
export const uploadOfferFile = (id: string, offerId: string, file: File) =>
  data(
    client.PUT('/api/specifications/{id}/offers/{offerId}/file', {
      params: { path: { id, offerId } },
      // The generated type says string for a binary field; the serializer below puts the File itself in the form.
      body: { file: file as unknown as string },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file, file.name);
        return form;
      },
    }),
  );

export const saveScore = (id: string, offerId: string, itemId: string, body: ScoreInput) =>
  data(client.PUT('/api/specifications/{id}/offers/{offerId}/scores/{itemId}', { params: { path: { id, offerId, itemId } }, body }));

export const saveConsensus = (id: string, offerId: string, itemId: string, body: ScoreInput) =>
  data(client.PUT('/api/specifications/{id}/offers/{offerId}/consensus/{itemId}', { params: { path: { id, offerId, itemId } }, body }));

/** Downloads the evaluation report (all offers, or one bidder's own) with the file name the service gives. */
export async function downloadEvaluation(id: string, format: 'docx' | 'xlsx', offerId?: string): Promise<string> {
  const call = offerId
    ? client.GET('/api/specifications/{id}/offers/{offerId}/evaluation', {
        params: { path: { id, offerId }, query: { format } },
        parseAs: 'blob',
      })
    : client.GET('/api/specifications/{id}/evaluation', { params: { path: { id }, query: { format } }, parseAs: 'blob' });
  return downloadFile(call, `evalueringsrapport.${format}`);
}

const FILE_CODES: Record<string, string> = {
  payload_too_large: 'Filen er for stor til at blive indlæst.',
  offer_scored: 'Tilbuddet er allerede bedømt: en ny besvarelse kan ikke indlæses oven på pointene.',
};

/**
 * What went wrong with an uploaded file, in Danish: the service explains a refused file itself
 * (not an Office file, another specification's, a macro, a formula …), so its detail is shown.
 */
export function fileProblem(error: unknown): { message: string; findings: Finding[] } | null {
  if (!(error instanceof ApiError)) return null;
  const p = error.problem as ApiError['problem'] & { findings?: Finding[] };
  if (p.code && FILE_CODES[p.code]) return { message: FILE_CODES[p.code], findings: [] };
  if (p.code === 'validation_failed') return { message: 'Vælg den udfyldte XLSX- eller DOCX-fil, og prøv igen.', findings: [] };
  if ([400, 409, 413, 415, 422].includes(error.status) && p.detail)
    return { message: p.detail, findings: Array.isArray(p.findings) ? p.findings : [] };
  return null;
}
