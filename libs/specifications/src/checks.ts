import type { Obligation, RequirementStatus } from '@kravbank/catalogue';

/**
 * The checks run before a specification is finalized: pure rules over its items, each returning
 * warnings with a code, the item concerned (null for the specification as a whole) and a Danish
 * message for the procurer. A warning does not stop finalizing; the procurer acknowledges it.
 */
export interface CheckItem {
  id: string;
  /** Bank key (SIK-014) or the local reference (LOK-1). */
  key: string;
  source: 'bank' | 'local';
  obligation: Obligation;
  weight: number | null;
  /** The text the item prints: the pinned version's statement, or the local requirement's text. */
  statement: string;
  section: string | null;
  /** The pinned version; null for a local requirement. */
  pinnedVersion: number | null;
  /** The bank's newest version and the requirement's status; null for a local requirement. */
  currentVersion: number | null;
  status: RequirementStatus | null;
}

export interface CheckInput {
  items: CheckItem[];
  /** Sections the specification declares, in order; a section no item is in is reported. Optional. */
  sections?: string[];
}

export const CHECK_CODES = [
  'ek-mandatory-text',
  'mk-optional-text',
  'weights-not-100',
  'version-outdated',
  'version-retired',
  'duplicate-requirement',
  'empty-section',
  'local-no-obligation-verb',
] as const;

export type CheckCode = (typeof CHECK_CODES)[number];

export interface CheckWarning {
  code: CheckCode;
  itemId: string | null;
  message: string;
}

const word = (w: string) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'iu');
const SKAL = word('skal');
const BOER = word('bør');
const formatNumber = (n: number) => String(n).replace('.', ',');

function wordingChecks(item: CheckItem): CheckWarning[] {
  const out: CheckWarning[] = [];
  const warn = (code: CheckCode, message: string) => out.push({ code, itemId: item.id, message });
  if (item.obligation === 'evaluated' && SKAL.test(item.statement))
    warn(
      'ek-mandatory-text',
      `${item.key} er et evalueringskrav (EK), men teksten siger »skal«. Et EK vurderes efter, hvor godt det opfyldes; ` +
        'skal kravet være opfyldt, så gør det til et mindstekrav (MK), ellers bør teksten omformuleres.',
    );
  if (item.obligation === 'minimum' && BOER.test(item.statement) && !SKAL.test(item.statement))
    warn(
      'mk-optional-text',
      `${item.key} er et mindstekrav (MK), men teksten siger kun »bør«. Et mindstekrav skal være utvetydigt; ` +
        'gør det til et evalueringskrav (EK), eller brug et krav, der siger »skal«.',
    );
  if (item.source === 'local' && !SKAL.test(item.statement) && !BOER.test(item.statement))
    warn(
      'local-no-obligation-verb',
      `Det lokale krav ${item.key} indeholder hverken »skal« eller »bør«, så det fremgår ikke, hvad leverandøren forpligter sig til.`,
    );
  return out;
}

function versionChecks(item: CheckItem): CheckWarning[] {
  if (item.source !== 'bank' || item.pinnedVersion === null) return [];
  if (item.status === 'retired')
    return [
      {
        code: 'version-retired',
        itemId: item.id,
        message: `${item.key} er udgået af kravbanken. Overvej at fjerne kravet eller erstatte det med et gældende krav.`,
      },
    ];
  if (item.currentVersion !== null && item.currentVersion > item.pinnedVersion)
    return [
      {
        code: 'version-outdated',
        itemId: item.id,
        message: `${item.key} er fastlåst i version ${item.pinnedVersion}, men kravbanken har version ${item.currentVersion}. Se ændringerne, og opdatér kravet, hvis de er relevante.`,
      },
    ];
  return [];
}

function weightCheck(items: CheckItem[]): CheckWarning[] {
  const evaluated = items.filter((i) => i.obligation === 'evaluated');
  if (evaluated.length === 0) return [];
  const sum = evaluated.reduce((s, i) => s + (i.weight ?? 0), 0);
  if (Math.abs(sum - 100) < 1e-9) return [];
  const missing = evaluated.filter((i) => i.weight === null).length;
  return [
    {
      code: 'weights-not-100',
      itemId: null,
      message:
        `Vægtene for evalueringskravene giver tilsammen ${formatNumber(sum)}, ikke 100.` +
        (missing ? ` ${missing} evalueringskrav har ingen vægt.` : '') +
        ' Tilbudsgiverne kan ikke se, hvad vægtene er værd, før de lægger op til 100.',
    },
  ];
}

const textKey = (statement: string) => statement.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The same requirement twice: a bank key or local reference that occurs again, or a local
 * requirement whose text is the text of another item (a bank requirement copied as a local one,
 * or a local one written twice). The warning goes on the local item, on the second of two local ones.
 */
function duplicateCheck(items: CheckItem[]): CheckWarning[] {
  const seen = new Map<string, CheckItem>();
  const byText = new Map<string, CheckItem[]>();
  for (const item of items) byText.set(textKey(item.statement), [...(byText.get(textKey(item.statement)) ?? []), item]);
  const out: CheckWarning[] = [];
  for (const item of items) {
    const id = `${item.source}:${item.key.trim().toUpperCase()}`;
    if (seen.has(id)) {
      out.push({
        code: 'duplicate-requirement',
        itemId: item.id,
        message: `${item.key} står i kravspecifikationen mere end én gang. Fjern den ene forekomst.`,
      });
      continue;
    }
    seen.set(id, item);
    if (item.source !== 'local') continue;
    const group = byText.get(textKey(item.statement))!;
    const other = group.find((o) => o !== item && (o.source === 'bank' || group.indexOf(o) < group.indexOf(item)));
    if (other)
      out.push({
        code: 'duplicate-requirement',
        itemId: item.id,
        message: `Det lokale krav ${item.key} har samme kravtekst som ${other.key}. Fjern det ene af dem.`,
      });
  }
  return out;
}

function emptySectionCheck(input: CheckInput): CheckWarning[] {
  const used = new Set(input.items.map((i) => i.section?.trim()).filter(Boolean));
  return (input.sections ?? [])
    .filter((s) => s.trim() && !used.has(s.trim()))
    .map((s) => ({
      code: 'empty-section' as const,
      itemId: null,
      message: `Afsnittet »${s.trim()}« indeholder ingen krav. Tilføj krav, eller fjern afsnittet.`,
    }));
}

/** Every warning for the specification: per item in item order, then duplicates, sections and weights. */
export function checkSpecification(input: CheckInput): CheckWarning[] {
  return [
    ...input.items.flatMap((item) => [...wordingChecks(item), ...versionChecks(item)]),
    ...duplicateCheck(input.items),
    ...emptySectionCheck(input),
    ...weightCheck(input.items),
  ];
}
