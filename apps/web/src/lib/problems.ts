import { ApiError } from './api/client';

/** What a problem means for a form: messages per field and one message for the rest, in Danish. */
export interface MappedProblem {
  fields: Record<string, string>;
  /** The same messages by the full field path (`annex.title`, `evaluation.scaleMeaning.1.points`), for forms with nested fields. */
  paths: Record<string, string>;
  message: string | null;
}

const FIELD_REASONS: Array<[RegExp, string]> = [
  [/must lie on the scale/i, 'Pointtallet skal ligge på skalaen.'],
  [/described twice/i, 'Pointtallet er beskrevet to gange.'],
  [/scale must run from a lower/i, 'Skalaen skal gå fra et lavere til et højere tal.'],
  [/the specification's scale/i, 'Pointtallet skal ligge på kravspecifikationens skala.'],
  [/at most 2 decimals/i, 'Skal være et tal med højst 2 decimaler.'],
  [/CVR number/i, 'Skal være et CVR-nummer på 8 cifre.'],
  [/annex number/i, 'Skal være et bilagsnummer som 3, 3a eller 3.1.'],
  [/section twice/i, 'Et afsnit må kun stå én gang.'],
  [/each section must have a name/i, 'Hvert afsnit skal have et navn.'],
  [/one line/i, 'Skal stå på én linje.'],
  [/already in the specification/i, 'Kravet findes allerede i kravspecifikationen.'],
  [/should not be empty|must not be empty|must be longer|blank/i, 'Skal udfyldes.'],
  [/must be shorter|at most \d+ characters|must be shorter than or equal/i, 'Teksten er for lang.'],
  [/must not be less than|must not be greater than|minimum|maximum|from 1 to 1000/i, 'Tallet er uden for det tilladte interval.'],
  [/must be an integer|whole number/i, 'Skal være et helt tal.'],
  [/weight/i, 'Vægt kan kun gives til evalueringskrav (EK).'],
];

const CODES: Record<string, string> = {
  invalid_credentials: 'Forkert brugernavn eller adgangskode.',
  session_expired: 'Du er blevet logget ud. Log ind igen.',
  csrf_refused: 'Handlingen blev afvist af sikkerhedshensyn. Genindlæs siden og prøv igen.',
  forbidden: 'Du har ikke adgang til at gøre dette.',
  specification_final: 'Kravspecifikationen er afsluttet og kan ikke ændres. Start en ny revision for at arbejde videre.',
  specification_empty: 'En tom kravspecifikation kan ikke afsluttes. Tilføj krav først.',
  item_exists: 'Kravet findes allerede i kravspecifikationen.',
  duplicate_item: 'Kravet findes allerede i kravspecifikationen.',
  already_current: 'Kravet står allerede på den nyeste version.',
  newer_revision_exists: 'Der findes allerede en nyere revision af denne kravspecifikation. Åbn den i stedet.',
  specification_not_final: 'Kun en afsluttet kravspecifikation kan få en ny revision.',
  requirement_retired: 'Kravet er udgået af kravbanken og kan ikke opgraderes. Fjern det, eller erstat det med et lokalt krav.',
  offer_exists: 'Der er allerede et tilbud fra dette CVR-nummer på kravspecifikationen.',
  offer_scored: 'Tilbuddet er bedømt og kan ikke slettes eller få en ny besvarelse.',
  offer_not_imported: 'Indlæs tilbudsgiverens besvarelse, før tilbuddet bedømmes.',
  too_many_offers: 'Kravspecifikationen har nået det højeste antal tilbud.',
  search_unavailable: 'Søgningen svarer ikke lige nu. Prøv igen om lidt.',
  warnings_not_acknowledged: 'Kontrollen har fundet advarsler, som du ikke har set. Se dem under »Kontrol før afslutning«, og afslut igen.',
};

export function danishReason(reason: string): string {
  return FIELD_REASONS.find(([re]) => re.test(reason))?.[1] ?? `Ugyldig værdi (${reason}).`;
}

/** The one mapper: `errors[]` to their fields (by the last part of the field path), the rest to a message. */
export function mapProblem(error: unknown): MappedProblem {
  if (!(error instanceof ApiError)) return { fields: {}, paths: {}, message: 'Der skete en uventet fejl. Prøv igen.' };
  const p = error.problem;
  const fields: Record<string, string> = {};
  const paths: Record<string, string> = {};
  for (const e of p.errors ?? []) {
    if (!e.field) continue;
    fields[e.field.split('.').pop() ?? e.field] = danishReason(e.reason ?? '');
    paths[e.field] ??= danishReason(e.reason ?? '');
  }
  if (Object.keys(fields).length) return { fields, paths, message: 'Ret de markerede felter.' };
  return { fields, paths, message: messageFor(p.status, p.code, p.detail) };
}

export function messageFor(status: number, code?: string, detail?: string): string {
  if (code && CODES[code]) return CODES[code];
  if (code && /exists|duplicate|already/i.test(code)) return CODES.item_exists;
  switch (status) {
    case 0:
      return 'Kravbanken svarer ikke. Tjek din forbindelse og prøv igen.';
    case 401:
      return CODES.session_expired;
    case 403:
      return CODES.forbidden;
    case 404:
      return 'Det findes ikke, eller du har ikke adgang til det.';
    case 409:
      return `Handlingen passer ikke med den nuværende tilstand${detail ? ` (${detail})` : ''}. Genindlæs og prøv igen.`;
    case 503:
      return 'Kravbanken er midlertidigt utilgængelig. Prøv igen om lidt.';
    default:
      return 'Der skete en fejl. Prøv igen.';
  }
}

/** One sentence for a problem where no form shows the fields (a button's action): the first field's reason, or the message. */
export function problemSentence(error: unknown): string {
  const p = mapProblem(error);
  return Object.values(p.fields)[0] ?? p.message ?? 'Der skete en fejl. Prøv igen.';
}
