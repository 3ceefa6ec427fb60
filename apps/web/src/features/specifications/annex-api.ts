import { useQuery } from '@tanstack/react-query';
import { client, data } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { specKey } from './api';

/** Types of the annex settings and the checks, from the generated OpenAPI schema. */
export type CheckWarning = components['schemas']['CheckWarning'];
export type SpecificationWithSettings = components['schemas']['SpecificationView'];
export type EvaluationModel = components['schemas']['EvaluationModel'];
export type AnnexFrontMatter = components['schemas']['AnnexFrontMatter'];
type CheckWarningPage = components['schemas']['CheckWarningPage'];

/** Every warning of the checks before finalizing (the API gives at most 100 a page). */
async function allWarnings(id: string, signal?: AbortSignal): Promise<CheckWarning[]> {
  const out: CheckWarning[] = [];
  for (let page = 1; ; page++) {
    const p: CheckWarningPage = await data(
      client.GET('/api/specifications/{id}/checks', { params: { path: { id }, query: { page, limit: 100 } }, signal }),
    );
    out.push(...p.items);
    if (out.length >= p.total || !p.items.length) return out;
  }
}

/** The checks' warnings; read again with every change to the specification (they share its query key). */
export function useChecks(id: string, enabled = true) {
  return useQuery({
    queryKey: [...specKey(id), 'checks'],
    queryFn: ({ signal }) => allWarnings(id, signal),
    enabled,
  });
}

/** The specification with its evaluation model, front matter and sections (the same query the editor reads). */
export function useSpecificationSettings(id: string) {
  return useQuery({
    queryKey: [...specKey(id), 'head'],
    queryFn: ({ signal }) => data(client.GET('/api/specifications/{id}', { params: { path: { id } }, signal })),
  });
}

export interface SettingsChange {
  /** Given fields are set, null ones go back to the default; null for the whole puts every field back. */
  evaluation?: Partial<{ [K in keyof EvaluationModel]: EvaluationModel[K] | null }> | null;
  annex?: Partial<{ [K in keyof AnnexFrontMatter]: AnnexFrontMatter[K] | null }> | null;
  sections?: string[];
}

export const saveSettings = (id: string, body: SettingsChange) =>
  data(client.PATCH('/api/specifications/{id}', { params: { path: { id } }, body }));

/** Finalizes; the warnings the procurer was shown are acknowledged, so the service records them. */
export const finalizeSpecification = (id: string, acknowledgeWarnings: boolean) =>
  data(client.POST('/api/specifications/{id}/finalize', { params: { path: { id } }, body: { acknowledgeWarnings } }));
