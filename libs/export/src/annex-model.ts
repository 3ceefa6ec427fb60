import { CATEGORIES, type Category } from '@kravbank/catalogue';
import { CATEGORY_TITLES, LOCAL_GROUP_TITLE } from './labels.js';
import type { SnapshotItem } from './snapshot.js';

export type GroupKey = Category | 'local';

export interface AnnexSection {
  /** Null for the items of a group that are in no section: they come first, under the group's heading. */
  title: string | null;
  items: SnapshotItem[];
}

export interface AnnexGroup {
  key: GroupKey;
  /** Rammearkitektur, Informationssikkerhed, Arkivering or Kommunens egne krav. */
  title: string;
  sections: AnnexSection[];
}

const GROUP_ORDER: GroupKey[] = [...CATEGORIES, 'local'];

export const groupKeyOf = (item: SnapshotItem): GroupKey => (item.source === 'local' || item.category === null ? 'local' : item.category);

export const groupTitle = (key: GroupKey): string => (key === 'local' ? LOCAL_GROUP_TITLE : CATEGORY_TITLES[key]);

/**
 * The items as the document shows them: one group per category in the bank's order (RAM, SIK,
 * ARK), the municipality's own requirements last; inside a group the items without a section
 * first, then each section in the order it first appears. Within a section the snapshot's order
 * is kept. Empty groups are left out. Every export (DOCX, CSV, JSON) lists the items in this order.
 */
export function groupItems(items: readonly SnapshotItem[]): AnnexGroup[] {
  const byGroup = new Map<GroupKey, Map<string | null, SnapshotItem[]>>();
  for (const item of items) {
    const key = groupKeyOf(item);
    let sections = byGroup.get(key);
    if (!sections) byGroup.set(key, (sections = new Map([[null, []]])));
    const section = item.section?.trim() || null;
    let list = sections.get(section);
    if (!list) sections.set(section, (list = []));
    list.push(item);
  }
  return GROUP_ORDER.filter((key) => byGroup.has(key)).map((key) => ({
    key,
    title: groupTitle(key),
    sections: [...byGroup.get(key)!].filter(([, list]) => list.length > 0).map(([title, list]) => ({ title, items: list })),
  }));
}

/** The items in document order, flattened. */
export function orderedItems(items: readonly SnapshotItem[]): SnapshotItem[] {
  return groupItems(items).flatMap((g) => g.sections.flatMap((s) => s.items));
}
