import type { Category, Obligation } from './api/types';

export const CATEGORY_LABEL: Record<Category, string> = {
  'framework-architecture': 'Rammearkitektur',
  security: 'Informationssikkerhed',
  archive: 'Arkivering',
};

export const OBLIGATION_LABEL: Record<Obligation, string> = { minimum: 'Mindstekrav (MK)', evaluated: 'Evalueringskrav (EK)' };
export const OBLIGATION_SHORT: Record<Obligation, string> = { minimum: 'MK', evaluated: 'EK' };

export const ROLE_LABEL: Record<string, string> = {
  procurer: 'indkøber',
  editor: 'redaktør',
  committee: 'kravudvalg',
  admin: 'administrator',
};

export const FIELD_LABEL: Record<string, string> = {
  title: 'Titel',
  statement: 'Kravtekst',
  rationale: 'Begrundelse',
  guidance: 'Vejledning',
  verification: 'Verifikation',
  level: 'Niveau',
  obligation: 'Kravtype',
  tags: 'Emneord',
  legalSources: 'Retskilder',
};

export const date = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleDateString('da-DK', { year: 'numeric', month: 'long', day: 'numeric' }) : '';

/** One formatter for every date and time in the app (toLocaleString would build one per call): »3. dec. 2026 kl. 09.00«. */
const DATE_TIME = new Intl.DateTimeFormat('da-DK', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
export const dateTime = (iso: string): string => DATE_TIME.format(new Date(iso));
