import type { Category, ItemView } from '../../lib/api/types';
import { CATEGORY_LABEL } from '../../lib/format';

/**
 * The items as the exported document shows them, so the editor and the annex agree on order and
 * numbering: one group per category in the bank's order (RAM, SIK, ARK), the municipality's own
 * requirements last; inside a group each section, and the items in no section, stand where their
 * first item stands (libs/export's annex model); within a section by position.
 */
export type GroupKey = Category | 'local';

export interface ItemSection {
  title: string | null;
  /** The heading above the part: the section's name; for the items in no section none when they come first, else "Øvrige krav" (as the annex prints). */
  heading: string | null;
  items: ItemView[];
}

export interface ItemGroup {
  key: GroupKey;
  title: string;
  sections: ItemSection[];
}

const GROUP_ORDER: GroupKey[] = ['framework-architecture', 'security', 'archive', 'local'];
const GROUP_TITLE: Record<GroupKey, string> = { ...CATEGORY_LABEL, local: 'Kommunens egne krav' };

export const sectionOf = (item: Pick<ItemView, 'section'>): string | null => item.section?.trim() || null;
export const groupOf = (item: ItemView): GroupKey => (item.source === 'local' || !item.category ? 'local' : item.category);

export function groupItems(items: readonly ItemView[]): ItemGroup[] {
  const byGroup = new Map<GroupKey, Map<string | null, ItemView[]>>();
  for (const item of [...items].sort((a, b) => a.position - b.position)) {
    const key = groupOf(item);
    let sections = byGroup.get(key);
    if (!sections) byGroup.set(key, (sections = new Map()));
    const title = sectionOf(item);
    let list = sections.get(title);
    if (!list) sections.set(title, (list = []));
    list.push(item);
  }
  return GROUP_ORDER.filter((key) => byGroup.has(key)).map((key) => ({
    key,
    title: GROUP_TITLE[key],
    sections: [...byGroup.get(key)!].map(([title, items], i) => ({ title, heading: title ?? (i === 0 ? null : 'Øvrige krav'), items })),
  }));
}

export const displayOrder = (groups: ItemGroup[]): ItemView[] => groups.flatMap((g) => g.sections.flatMap((s) => s.items));

/** One change a move needs: the item's new position, and its new section when that changes too. */
export interface Placement {
  item: ItemView;
  position: number;
  section?: string | null;
}

const sameOrder = (a: ItemView[], b: ItemView[]) => a.length === b.length && a.every((x, i) => x.id === b[i].id);

/**
 * The changes that put `item` at index `to` of the display order without it, in `section`.
 * One change when a position between its new neighbours keeps the document's order (checked by
 * grouping again); otherwise the items of its group are renumbered in the order wanted, and only
 * those whose position differs are changed.
 */
export function place(display: ItemView[], item: ItemView, to: number, section: string | null): Placement[] {
  const rest = display.filter((i) => i.id !== item.id);
  const moved: ItemView = { ...item, section };
  const wanted = [...rest.slice(0, to), moved, ...rest.slice(to)];
  const sectionChange = sectionOf(item) !== section ? { section } : {};
  const before = wanted[to - 1]?.position;
  const after = wanted[to + 1]?.position;
  const lo = before ?? (after ?? 10) - 20;
  const hi = after ?? (before ?? 0) + 20;
  if (hi - lo >= 2 && lo + 1 >= 0) {
    const position = Math.floor((lo + hi) / 2);
    if (sameOrder(displayOrder(groupItems(wanted.map((i) => (i === moved ? { ...moved, position } : i)))), wanted))
      return [{ item, position, ...sectionChange }];
  }
  const group = groupOf(item);
  return wanted
    .filter((i) => groupOf(i) === group)
    .map((i, n) => ({ item: i === moved ? item : i, position: (n + 1) * 10, ...(i === moved ? sectionChange : {}) }))
    .filter((p) => p.item.position !== p.position || 'section' in p);
}

/** The items with the placements applied, as the cache keeps them (by position). */
export function applied(items: ItemView[], changes: Placement[]): ItemView[] {
  const byId = new Map(changes.map((c) => [c.item.id, c]));
  return items
    .map((i) => {
      const c = byId.get(i.id);
      return c ? { ...i, position: c.position, ...('section' in c ? { section: c.section ?? null } : {}) } : i;
    })
    .sort((a, b) => a.position - b.position);
}
