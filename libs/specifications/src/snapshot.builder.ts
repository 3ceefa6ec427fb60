import { pinKey, type BankState, type CatalogueRepository, type VersionView } from '@kravbank/catalogue';
import type { SnapshotItem, SpecificationSnapshot } from '@kravbank/export';
import type { SpecificationStore, StoredItem } from './specification.store.js';
import { setFieldsOf } from './annex-settings.js';
import type { SpecificationView } from './views.js';

/** The bank's version stamp: the date of its newest publication and how many requirements are active. */
export function bankStampText(state: BankState): string {
  return `Kravbank pr. ${state.lastPublishedDay ?? '–'} (${state.active} aktive krav)`;
}

export async function currentBankStamp(catalogue: CatalogueRepository): Promise<string> {
  return bankStampText(await catalogue.bankState());
}

/** An item as the snapshot names it, with the full text of its pinned version (bank items). */
export function toSnapshotItem(i: StoredItem, v: VersionView | undefined): SnapshotItem {
  return {
    id: i.id,
    position: i.position,
    section: i.section,
    source: i.source,
    key: (i.requirement_key ?? i.local_ref)!,
    version: i.version,
    category: v?.category ?? null,
    title: (v?.title ?? i.local_title)!,
    statement: (v?.statement ?? i.local_statement)!,
    rationale: v?.rationale ?? '',
    guidance: v?.guidance ?? '',
    verification: v?.verification ?? '',
    level: v?.level ?? null,
    obligation: i.obligation,
    weight: i.weight,
    note: i.note,
    contentHash: v?.contentHash ?? null,
    legalSources: v?.legalSources ?? [],
    // Only when the procurer chose it, so snapshots without it keep their fingerprint.
    ...(i.answer_mode ? { answerMode: i.answer_mode } : {}),
  };
}

/**
 * Items in document order: by the category's place in the bank (local items last); inside a
 * category in the stored order (the procurer's positions), gathered by section where the
 * section's first item stands, the items in no section likewise. As the renderers group them.
 */
export function inDocumentOrder(items: SnapshotItem[], categoryPositions: Map<string, number>): SnapshotItem[] {
  const place = (i: SnapshotItem) => (i.category === null ? null : (categoryPositions.get(i.category) ?? null));
  // Array.prototype.sort is stable, so items of one category keep their stored order.
  const byCategory = [...items].sort((a, b) => {
    const pa = place(a);
    const pb = place(b);
    if (pa === pb) return 0;
    if (pa === null) return 1;
    if (pb === null) return -1;
    return pa - pb;
  });
  const part = (i: SnapshotItem) => `${i.source === 'local' ? 'local' : (i.category ?? 'local')}|${i.section?.trim() ?? ''}`;
  const first = new Map<string, number>();
  byCategory.forEach((item, index) => {
    if (!first.has(part(item))) first.set(part(item), index);
  });
  // A part's first index lies inside its category's run, so the categories keep their order.
  return byCategory
    .map((item, index) => ({ item, index }))
    .sort((a, b) => first.get(part(a.item))! - first.get(part(b.item))! || a.index - b.index)
    .map(({ item }) => item);
}

/**
 * Everything the export needs, as plain data: the items in document order (by category,
 * then position), each bank item with the full text of its pinned version.
 */
export async function buildSnapshot(
  store: SpecificationStore,
  catalogue: CatalogueRepository,
  spec: SpecificationView,
): Promise<SpecificationSnapshot> {
  const stored = await store.allItems(spec.id);
  const pins = stored.filter((i) => i.source === 'bank').map((i) => ({ key: i.requirement_key!, version: i.version! }));
  // One after another: inside a transaction they share one connection.
  const versions = await catalogue.findVersions(pins);
  const positions = await catalogue.categoryPositions();
  const legalSources = await catalogue.listLegalSourcesCitedBy(pins);
  const items = stored.map((i) =>
    toSnapshotItem(i, i.source === 'bank' ? versions.get(pinKey(i.requirement_key!, i.version!)) : undefined),
  );
  const {
    lineageId: _l,
    parentId: _p,
    profileId: _pr,
    createdBy: _c,
    updatedBy: _u,
    finalizedBy: _f,
    bankStamp: _b,
    itemCount: _i,
    updatesAvailable: _a,
    sections: _s,
    defaultFields,
    evaluation,
    annex,
    ...specification
  } = spec;
  // Only the fields the procurer set: the renderers fill in the rest, and a snapshot without them keeps its fingerprint.
  const setEvaluation = setFieldsOf(evaluation, defaultFields, 'evaluation');
  const setAnnex = setFieldsOf(annex, defaultFields, 'annex');
  return {
    specification: { ...specification, ...(setEvaluation && { evaluation: setEvaluation }), ...(setAnnex && { annex: setAnnex }) },
    // A final specification keeps the stamp of the day it was finalized.
    bank: { stamp: spec.bankStamp ?? (await currentBankStamp(catalogue)) },
    items: inDocumentOrder(items, positions),
    legalSources,
  };
}
