import type { Finding, ImportSummary, RowFlag } from './api';

export const FLAG_LABEL: Record<RowFlag, string> = {
  mk_no: 'Mindstekrav besvaret Nej',
  mk_blank: 'Mindstekrav ikke besvaret',
  mk_invalid: 'Mindstekrav besvaret med andet end Ja/Nej',
  reservation: 'Kravteksten er ændret (muligt forbehold)',
  missing: 'Rækken mangler i besvarelsen',
};

export const FINDING_LABEL: Record<Finding['kind'], string> = {
  formula: 'Formel',
  hyperlink: 'Link',
  external_link: 'Ekstern kæde',
  field: 'Felt i dokumentet',
};

export interface ConformityBadge {
  text: string;
  kind: 'success' | 'warning' | 'error' | 'info';
}

/**
 * How an offer stands, as the import report says it: not imported yet, conforming or possibly not
 * conforming (an MK answered Nej, blank or otherwise, changed or left out), and possible
 * reservations when a requirement text was changed or rows were added (an EK's changed text leaves
 * the offer conforming, but the procurer must read it).
 */
export function conformityBadges(conformity: 'conforming' | 'possibly_non_conforming' | null, s: ImportSummary | null): ConformityBadge[] {
  if (!conformity || !s) return [{ text: 'Ikke indlæst', kind: 'info' }];
  const badges = [conformityBadge(conformity)];
  if (s.reservations + s.added > 0) badges.push({ text: 'Mulige forbehold', kind: 'warning' });
  return badges;
}

/** The API's verdict alone (the scoring matrix has no summary): possibly not conforming covers reservations too. */
export function conformityBadge(conformity: 'conforming' | 'possibly_non_conforming' | null): ConformityBadge {
  if (!conformity) return { text: 'Ikke indlæst', kind: 'info' };
  return conformity === 'conforming'
    ? { text: 'Konditionsmæssig', kind: 'success' }
    : { text: 'Mulig ikke-konditionsmæssig', kind: 'error' };
}

export const points = (n: number | null | undefined): string =>
  n === null || n === undefined ? '–' : n.toLocaleString('da-DK', { maximumFractionDigits: 2 });

export const bytes = (n: number): string =>
  n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
