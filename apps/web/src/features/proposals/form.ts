import { ApiError } from '../../lib/api/client';
import { danishReason, mapProblem } from '../../lib/problems';

/** Messages per full field path (`content.legalSources.1.id`), and one for the rest: the form puts each next to its field. */
export interface FormProblem {
  fields: Record<string, string>;
  message: string | null;
}

const REASONS: Array<[RegExp, string]> = [
  [/not in the legal-source register/, 'Retskilden findes ikke i registret.'],
  [/is the same as/, 'Forslaget ændrer intet i forhold til den gældende version. Ret mindst ét felt.'],
  [/is required for a/, 'Skal udfyldes.'],
  [/must be one of/, 'Vælg en af mulighederne.'],
  [/must be a requirement key/, 'Skal være en kravnøgle som SIK-014.'],
  [/each tag must be/, 'Emneord skal være små bogstaver, tal eller bindestreger (højst 40 tegn).'],
  [/at least one legal source/, 'Angiv mindst én retskilde.'],
  [/must be unique|unique elements/, 'Hvert emneord må kun stå én gang.'],
];

export function formProblem(error: unknown): FormProblem {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return { fields: {}, message: mapProblem(error).message };
  const fields: Record<string, string> = {};
  for (const e of error.problem.errors) fields[e.field] = REASONS.find(([re]) => re.test(e.reason))?.[1] ?? danishReason(e.reason);
  return { fields, message: 'Ret de markerede felter.' };
}

/** Problems found before sending, in the same shape. */
export function required(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (!v.trim()) out[k] = 'Skal udfyldes.';
  return out;
}
