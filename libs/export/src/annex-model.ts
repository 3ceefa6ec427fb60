import { CATEGORIES, type Category } from '@kravbank/catalogue';
import { CATEGORY_TITLES, LOCAL_GROUP_TITLE } from './labels.js';
import type { SnapshotItem } from './snapshot.js';

export type GroupKey = Category | 'local';

export interface AnnexSection {
  /** The section's name; null for the items of a group that are in no section. */
  title: string | null;
  /**
   * The heading the document prints above the part: the section's name; for the items in no
   * section none when they come first (they stand under the group's heading), else "Øvrige krav".
   */
  heading: string | null;
  items: SnapshotItem[];
}

/** The heading of a group's items in no section when a section comes before them. */
export const OTHER_ITEMS_HEADING = 'Øvrige krav';

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
 * ARK), the municipality's own requirements last. Inside a group the items keep the snapshot's
 * order (the procurer's positions), gathered by section: each section, and the items in no
 * section, stand where their first item stands. So a category whose sections follow the items'
 * order keeps its keys in order. Empty groups are left out. Every export lists the items in this order.
 */
export function groupItems(items: readonly SnapshotItem[]): AnnexGroup[] {
  const byGroup = new Map<GroupKey, Map<string | null, SnapshotItem[]>>();
  for (const item of items) {
    const key = groupKeyOf(item);
    let sections = byGroup.get(key);
    if (!sections) byGroup.set(key, (sections = new Map()));
    const section = item.section?.trim() || null;
    let list = sections.get(section);
    if (!list) sections.set(section, (list = []));
    list.push(item);
  }
  return GROUP_ORDER.filter((key) => byGroup.has(key)).map((key) => ({
    key,
    title: groupTitle(key),
    sections: [...byGroup.get(key)!].map(([title, list], i) => ({
      title,
      heading: title ?? (i === 0 ? null : OTHER_ITEMS_HEADING),
      items: list,
    })),
  }));
}

/** The items in document order, flattened. */
export function orderedItems(items: readonly SnapshotItem[]): SnapshotItem[] {
  return groupItems(items).flatMap((g) => g.sections.flatMap((s) => s.items));
}
