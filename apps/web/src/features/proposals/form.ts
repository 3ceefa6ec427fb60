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
  for (const { field, reason = '' } of error.problem.errors) {
    if (field) fields[field] = REASONS.find(([re]) => re.test(reason))?.[1] ?? danishReason(reason);
  }
  return { fields, message: 'Ret de markerede felter.' };
}

/** Problems found before sending, in the same shape. */
export function required(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (!v.trim()) out[k] = 'Skal udfyldes.';
  return out;
}

const NAMES: Record<string, string> = {
  changeType: 'Ændringstype',
  motivation: 'Motivation eller begrundelse',
  triggeringLegalSource: 'Udløsende retskilde',
  category: 'Kategori',
  note: 'Hvad er ændret og hvorfor',
  title: 'Titel',
  statement: 'Kravtekst',
  rationale: 'Begrundelse',
  guidance: 'Vejledning',
  verification: 'Verifikation',
  level: 'Niveau',
  obligation: 'Foreslået kravtype',
  tags: 'Emneord',
  legalSources: 'Retskilder',
};

/** The names of the fields with errors, as the form labels them, for the summary above the form. */
export function fieldNames(fields: Record<string, string>): string[] {
  const names = Object.keys(fields).map((path) => {
    const source = /legalSources\.(\d+)\.(id|section)$/.exec(path);
    if (source) return `${source[2] === 'id' ? 'Retskilde' : 'Afsnit for retskilde'} ${Number(source[1]) + 1}`;
    const last = path.replace(/^content\./, '').split('.')[0];
    return NAMES[last] ?? last;
  });
  return [...new Set(names)];
}
