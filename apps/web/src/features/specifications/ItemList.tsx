import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, type MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import type { ItemView } from '../../lib/api/types';
import { patchItem, removeItem, specKey } from './api';
import { applied, displayOrder, groupItems, groupOf, place, sectionOf, type Placement } from './grouping';
import { ItemCard, keyOf, type ItemActions } from './ItemCard';

type Run = (fn: () => Promise<unknown>, ok?: string) => void;

/** The handlers of the cards, built from the list as it is now. */
type Save = (changes: Placement[], message: string) => void;
const norm = (s: string | null | undefined) => s?.trim() || null;

function actionsFor(id: string, display: ItemView[], dragged: { current: ItemView | null }, run: Run, save: Save) {
  const at = (item: ItemView) => display.findIndex((i) => i.id === item.id);
  const actions: ItemActions = {
    move: (item, step) => {
      const from = at(item);
      const target = display[from + step];
      if (!target || groupOf(target) !== groupOf(item) || sectionOf(target) !== sectionOf(item)) return;
      save(place(display, item, from + step, sectionOf(item)), `${keyOf(item)} er flyttet til plads ${from + step + 1}.`);
    },
    patch: (item, body) =>
      run(
        () => patchItem(id, item.id, body),
        'section' in body && norm(body.section) !== sectionOf(item)
          ? `${keyOf(item)} er flyttet til ${norm(body.section) ? `afsnittet »${norm(body.section)}«` : 'krav uden afsnit'}.`
          : `${keyOf(item)} er gemt.`,
      ),
    remove: (item) => run(() => removeItem(id, item.id), `${keyOf(item)} er fjernet.`),
    dragStart: (item) => (dragged.current = item),
    dragEnd: () => (dragged.current = null),
    drop: (target) => {
      const item = dragged.current;
      dragged.current = null;
      if (!item || item.id === target.id) return;
      const section = sectionOf(target);
      if (groupOf(target) !== groupOf(item)) {
        // Another category: the item keeps its group in the document and only takes the section.
        if (section !== sectionOf(item)) actions.patch(item, { section });
        return;
      }
      const to = display.filter((i) => i.id !== item.id).findIndex((i) => i.id === target.id) + (at(item) < at(target) ? 1 : 0);
      const where = section === sectionOf(item) ? '' : section ? ` i afsnittet »${section}«` : ' blandt krav uden afsnit';
      save(place(display, item, to, section), `${keyOf(item)} er flyttet til plads ${to + 1}${where}.`);
    },
  };
  return actions;
}

/**
 * The items as the document will show them: a heading per category group and per section, the
 * items under them, numbered in document order. Moving keeps an item inside its section (the
 * buttons) or moves it next to another item and into that item's section (dragging); the section
 * field moves it to another section by name.
 */
export function ItemList({ id, items, readOnly, run }: { id: string; items: ItemView[]; readOnly: boolean; run: Run }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const groups = useMemo(() => groupItems(items), [items]);
  const display = useMemo(() => displayOrder(groups), [groups]);
  const sections = useMemo(() => [...new Set(items.map(sectionOf).filter((s): s is string => !!s))].sort(), [items]);
  const dragged = useRef<ItemView | null>(null);
  const latest = useRef<ItemActions | null>(null);
  // Optimistic: the cache shows the new order at once; the saves follow, and the list is read again after.
  const save: Save = (changes, message) => {
    qc.setQueryData<ItemView[]>([...specKey(id), 'items'], (was) => (was ? applied(was, changes) : was));
    const body = (c: Placement) => ({ position: c.position, ...('section' in c ? { section: c.section } : {}) });
    run(() => Promise.all(changes.map((c) => patchItem(id, c.item.id, body(c)))), message);
  };
  latest.current = actionsFor(id, display, dragged, run, save);
  const stable = useMemo<ItemActions>(
    () => ({
      move: (i, s) => latest.current?.move(i, s),
      patch: (i, b) => latest.current?.patch(i, b),
      remove: (i) => latest.current?.remove(i),
      dragStart: (i) => latest.current?.dragStart(i),
      dragEnd: () => latest.current?.dragEnd(),
      drop: (t) => latest.current?.drop(t),
    }),
    [],
  );
  // The cards' links are plain anchors; a plain click on one navigates inside the app (a new tab and the like stay the browser's).
  const follow = (e: MouseEvent) => {
    const a = (e.target as HTMLElement).closest('a');
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || a.origin !== window.location.origin) return;
    e.preventDefault();
    void navigate(a.pathname);
  };
  let number = 0;
  return (
    <div className="item-groups" onClick={follow}>
      <datalist id="section-names">
        {sections.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      {groups.map((g) => (
        <section key={g.key} className="item-group" aria-labelledby={`group-${g.key}`}>
          <h3 id={`group-${g.key}`}>{g.title}</h3>
          {g.sections.map((s) => (
            <div key={s.title ?? ''} className="item-section">
              {s.heading && <h4 className="item-section-title">{s.heading}</h4>}
              <ol className="item-list no-max-width" start={number + 1}>
                {s.items.map((item, i) => (
                  <ItemCard
                    key={item.id}
                    item={item}
                    number={++number}
                    canUp={i > 0}
                    canDown={i < s.items.length - 1}
                    readOnly={readOnly}
                    on={stable}
                  />
                ))}
              </ol>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
