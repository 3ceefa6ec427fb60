import { invalid } from '@kravbank/common';
import type { Obligation, PinOptions, PinnedText, RequirementHead } from '@kravbank/catalogue';
import { MAX_ITEMS, type AddItemDto, type UpdateItemDto, type UpdateSpecificationDto } from './dto.js';
import { settingsChange } from './annex-settings.js';
import type { CheckItem } from './checks.js';
import type { ItemChange, NewItem, SpecificationChange, SpecificationRecord, StoredItem } from './specification.store.js';
import type { ItemView } from './views.js';

/**
 * The rules for a specification's items and fields, as pure functions: what the service
 * checks before it writes. Each refusal names the field of the request it is about.
 */

/** What an edit of the specification's own fields changes; at least one field must be given. */
export function specificationChange(
  dto: UpdateSpecificationDto,
  stored: Pick<SpecificationRecord, 'evaluation' | 'annex'>,
): SpecificationChange {
  const change: SpecificationChange = settingsChange(stored, dto);
  if (dto.title !== undefined) change.title = dto.title.trim();
  if (dto.procurementName !== undefined) change.procurementName = dto.procurementName.trim();
  if (dto.caseNumber !== undefined) change.caseNumber = dto.caseNumber?.trim() || null;
  if (dto.description !== undefined) change.description = dto.description?.trim() || null;
  if (dto.sections !== undefined) change.sections = dto.sections.map((s) => s.trim());
  if (!Object.keys(change).length)
    throw invalid('(body)', 'give at least one of title, procurementName, caseNumber, description, evaluation, annex, sections');
  return change;
}

/** Only an evaluated requirement has a weight. */
export function checkWeight(field: string, weight: number | null, obligation: Obligation): void {
  if (weight !== null && obligation !== 'evaluated') throw invalid(field, 'only an evaluated requirement has a weight');
}

/** A specification holds at most MAX_ITEMS items. */
export function checkItemLimit(field: string, current: number, adding: number): void {
  if (current + adding > MAX_ITEMS)
    throw invalid(field, `a specification holds at most ${MAX_ITEMS} items; it has ${current} and this adds ${adding}`);
}

/** The item's new editable values: given fields replace the stored ones; the bank text is never changed. */
export function itemChange(item: StoredItem, dto: UpdateItemDto): ItemChange {
  const obligation = dto.obligation ?? item.obligation;
  const weight = dto.weight !== undefined ? dto.weight : obligation === 'minimum' ? null : item.weight;
  checkWeight('weight', weight, obligation);
  if (dto.local && item.source !== 'local')
    throw invalid('local', 'only a local requirement has its own text; the bank text is never changed');
  return {
    obligation,
    weight,
    note: dto.note !== undefined ? dto.note?.trim() || null : item.note,
    section: dto.section !== undefined ? dto.section?.trim() || null : item.section,
    position: dto.position ?? item.position,
    localTitle: dto.local?.title.trim() ?? null,
    localStatement: dto.local?.statement.trim() ?? null,
    answerMode: dto.answerMode !== undefined ? dto.answerMode : item.answer_mode,
  };
}

/** The item's pinned version is behind the bank's current one, or the requirement is retired. */
export function isOutdated(version: number, head: Pick<RequirementHead, 'status' | 'currentVersion'>): boolean {
  return head.currentVersion > version || head.status === 'retired';
}

/** What the specification already holds, as far as adding items cares. */
export interface ExistingItems {
  /** Bank keys already in the specification. */
  keys: Set<string>;
  /** The highest LOK-n number used so far (0 for none). */
  lastLocalNumber: number;
}

export function existingItems(refs: Array<{ requirement_key: string | null; local_ref: string | null }>): ExistingItems {
  return {
    keys: new Set(refs.map((e) => e.requirement_key).filter((k): k is string => !!k)),
    lastLocalNumber: Math.max(0, ...refs.map((e) => Number(e.local_ref?.replace('LOK-', '') ?? 0))),
  };
}

/**
 * Checks every item to add against the bank and the specification; the first problem refuses
 * the request. `prefix` names the items in a bulk request (`items.`), empty for one item.
 */
export function resolveItems(dtos: AddItemDto[], prefix: string, bank: Map<string, PinOptions>, existing: ExistingItems): NewItem[] {
  const taken = new Set(existing.keys);
  let localNumber = existing.lastLocalNumber;
  return dtos.map((d, i) => {
    const p = prefix ? `${prefix}${i}.` : '';
    if (!!d.requirementKey === !!d.local)
      throw invalid(`${p}requirementKey`, 'give either requirementKey (a bank requirement) or local (your own requirement)');
    const item = d.local ? localItem(d, p, `LOK-${++localNumber}`) : bankItem(d, p, bank, taken);
    checkWeight(`${p}weight`, item.weight, item.obligation);
    return item;
  });
}

function commonFields(d: AddItemDto) {
  return { weight: d.weight ?? null, note: d.note?.trim() || null, section: d.section?.trim() || null, position: d.position ?? null };
}

function localItem(d: AddItemDto, p: string, localRef: string): NewItem {
  if (d.version !== undefined) throw invalid(`${p}version`, 'a local requirement has no bank version');
  return {
    ...commonFields(d),
    source: 'local',
    requirementKey: null,
    version: null,
    localRef,
    localTitle: d.local!.title.trim(),
    localStatement: d.local!.statement.trim(),
    obligation: d.obligation ?? 'minimum',
  };
}

function bankItem(d: AddItemDto, p: string, bank: Map<string, PinOptions>, taken: Set<string>): NewItem {
  const key = d.requirementKey!.toUpperCase();
  const r = bank.get(key);
  if (!r) throw invalid(`${p}requirementKey`, `there is no requirement ${key}`);
  if (r.status === 'retired') throw invalid(`${p}requirementKey`, `${key} is retired`);
  const version = d.version ?? r.currentVersion;
  if (!r.obligations.has(version)) throw invalid(`${p}version`, `${key} has versions 1 to ${r.currentVersion}`);
  if (taken.has(key)) throw invalid(`${p}requirementKey`, `${key} is already in the specification`);
  taken.add(key);
  return {
    ...commonFields(d),
    source: 'bank',
    requirementKey: key,
    version,
    localRef: null,
    localTitle: null,
    localStatement: null,
    obligation: d.obligation ?? r.obligations.get(version)!,
  };
}

/** Items without a position follow the highest one in steps of 10, in the order given. */
export function placeItems(items: NewItem[], maxPosition: number): Array<NewItem & { position: number }> {
  let next = maxPosition;
  return items.map((i) => ({ ...i, position: i.position ?? (next += 10) }));
}

/** An item as the API shows it: its own columns, the bank's current state and the pinned text. */
export function toItemView(i: StoredItem, v: PinnedText | undefined): ItemView {
  const head = v?.head;
  const currentVersion = head?.currentVersion ?? null;
  return {
    id: i.id,
    position: i.position,
    section: i.section,
    source: i.source,
    requirementKey: i.requirement_key,
    localRef: i.local_ref,
    version: i.version,
    currentVersion,
    requirementStatus: head?.status ?? null,
    newerVersionAvailable: i.source === 'bank' && currentVersion !== null && i.version !== null && currentVersion > i.version,
    category: head?.category ?? null,
    title: (v?.title ?? i.local_title)!,
    statement: (v?.statement ?? i.local_statement)!,
    level: v?.level ?? null,
    obligation: i.obligation,
    weight: i.weight,
    note: i.note,
    answerMode: i.answer_mode,
  };
}

/** An item as the checks before finalizing read it. */
export function toCheckItem(i: ItemView): CheckItem {
  return {
    id: i.id,
    key: (i.requirementKey ?? i.localRef)!,
    source: i.source,
    obligation: i.obligation,
    weight: i.weight,
    statement: i.statement,
    section: i.section,
    pinnedVersion: i.version,
    currentVersion: i.currentVersion,
    status: i.requirementStatus,
  };
}
