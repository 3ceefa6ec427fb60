import type { Category, LegalSourceKind } from '@kravbank/catalogue';
import type { ExportEdition, ExportFormat, SnapshotItem, SpecificationSnapshot } from './snapshot.js';

/** The Danish words every export uses, in one place so the DOCX, CSV and JSON say the same. */
export const CATEGORY_TITLES: Record<Category, string> = {
  'framework-architecture': 'Rammearkitektur',
  security: 'Informationssikkerhed',
  archive: 'Arkivering',
};

export const LOCAL_GROUP_TITLE = 'Kommunens egne krav';

export const LEGAL_SOURCE_KIND_NAMES: Record<LegalSourceKind, string> = {
  act: 'Lov',
  'executive-order': 'Bekendtgørelse',
  standard: 'Standard',
  principle: 'Princip',
  guideline: 'Vejledning',
  judgment: 'Dom eller afgørelse',
};

export const EDITION_NAMES: Record<ExportEdition, string> = {
  tender: 'Udbudsudgave (til tilbudsgivere)',
  buyer: 'Købers udgave',
};

/** Printed on the cover and in the header of every page of the buyer edition. */
export const BUYER_EDITION_WARNING = 'Købers udgave – må ikke indgå i udbudsmaterialet';

/** The three answers a bidder chooses between in the Opfyldelsesgrad column. */
export const COMPLIANCE_OPTIONS = ['Opfyldt', 'Delvist opfyldt', 'Ikke opfyldt'] as const;

export const FINGERPRINT_LABEL = 'Dokumentets indholdsfingeraftryk (SHA-256)';

/** `SIK-014 v3` for a pinned bank version; the bare reference (`LOK-1`) for a local requirement. */
export function keyLabel(item: SnapshotItem): string {
  return item.version === null ? item.key : `${item.key} v${item.version}`;
}

/** `MK`, or `EK (vægt 10)` for an evaluated requirement with a weight, or `EK` without one. */
export function typeLabel(item: SnapshotItem): string {
  if (item.obligation === 'minimum') return 'MK';
  return item.weight === null ? 'EK' : `EK (vægt ${formatNumber(item.weight)})`;
}

/** A number as Danes write it: decimal comma. */
export function formatNumber(n: number): string {
  return String(n).replace('.', ',');
}

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** `23. november 2026`: the calendar day in Danish time. The month names are fixed here so the text never depends on the ICU data. */
export function danishDate(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return `${part('day')}. ${MONTHS[part('month') - 1]} ${part('year')}`;
}

/**
 * The date an export carries (cover, document properties, zip entries). A final specification
 * always has its `finalizedAt`, so every export of that revision is the same file; a draft is
 * dated when it is rendered.
 */
export function documentDate(snapshot: SpecificationSnapshot, now: () => Date): Date {
  const spec = snapshot.specification;
  if (spec.status !== 'final') return now();
  if (!spec.finalizedAt)
    throw new Error(`Specification ${spec.id} is final but has no finalizedAt; a final export needs a fixed document date.`);
  const date = new Date(spec.finalizedAt);
  if (Number.isNaN(date.getTime())) throw new Error(`Specification ${spec.id} has an invalid finalizedAt '${spec.finalizedAt}'.`);
  return date;
}

const TRANSLITERATION: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ß: 'ss' };

/** `Fagsystem til økonomi` → `fagsystem-til-oekonomi`: safe in a file name and in a Content-Disposition header. */
export function slug(text: string, maxLength = 60): string {
  const s = text
    .toLowerCase()
    .replace(/[æøåß]/g, (c) => TRANSLITERATION[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return s || 'uden-titel';
}

/** `kravspecifikation-<slug of title>-rev<revision>-<edition>.<format>` */
export function exportFileName(snapshot: SpecificationSnapshot, format: ExportFormat, edition: ExportEdition): string {
  // Titles often start with the word itself ("Kravspecifikation: …"): say it once.
  const title = slug(snapshot.specification.title).replace(/^kravspecifikation-?/, '');
  return `kravspecifikation-${title ? `${title}-` : ''}rev${snapshot.specification.revision}-${edition}.${format}`;
}

/**
 * Text as it may go into XML and a spreadsheet: line ends unified to `\n`, tabs as spaces and the
 * control characters XML 1.0 cannot hold removed (Word refuses a document that contains them).
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')

    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}
