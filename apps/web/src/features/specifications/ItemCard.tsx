import { memo, type DragEvent } from 'react';
import type { ItemChange, ItemView, Obligation } from '../../lib/api/types';

/** What an item can ask of the list; the functions never change, so a card re-renders only when its own props do. */
export interface ItemActions {
  move: (item: ItemView, step: -1 | 1) => void;
  patch: (item: ItemView, body: ItemChange) => void;
  remove: (item: ItemView) => void;
  dragStart: (item: ItemView) => void;
  dragEnd: () => void;
  drop: (target: ItemView) => void;
}

export const keyOf = (i: ItemView) => i.requirementKey ?? i.localRef ?? '';

const textChange = (value: string, was: string | null) => ((value.trim() || null) !== (was ?? null) ? value.trim() || null : undefined);

function Title({ item }: { item: ItemView }) {
  const key = keyOf(item);
  if (item.source === 'local')
    return (
      <>
        <span className="badge badge-info">Lokalt krav – ikke fra kravbanken</span>
        {` ${key} ${item.title}`}
      </>
    );
  return (
    <>
      {/* A plain link (the list navigates for it): hundreds of router links cost the editor's first paint. */}
      {/* One text node where JSX would make three: 300 cards' DOM is most of the editor's first paint. */}
      {/* The category is the heading the item stands under; the space before the version is a margin (app.css). */}
      <a href={`/krav/${key}`}>{`${key} ${item.title}`}</a>
      <span className="hit-meta">{`version ${item.version}`}</span>
      {item.newerVersionAvailable && <span className="badge badge-warning">{`Nyere version: ${item.currentVersion}`}</span>}
    </>
  );
}

function Fields({ item, readOnly, on }: { item: ItemView; readOnly: boolean; on: ItemActions }) {
  const key = keyOf(item);
  return (
    <div className="item-fields">
      <label className="item-field">
        Kravtype
        <select
          id={`item-${item.id}-obligation`}
          aria-label={`Kravtype for ${key}`}
          className="form-select"
          value={item.obligation}
          disabled={readOnly}
          onChange={(e) => {
            const obligation = e.target.value as Obligation;
            on.patch(item, { obligation, weight: obligation === 'minimum' ? null : (item.weight ?? undefined) });
          }}
        >
          {/* The text in `label`, not as a child: two DOM nodes less a card. */}
          <option value="minimum" label="MK" />
          <option value="evaluated" label="EK" />
        </select>
      </label>
      {item.obligation === 'evaluated' ? (
        <label className="item-field">
          Vægt
          <input
            aria-label={`Vægt for ${key}`}
            className="form-input"
            type="number"
            min={1}
            max={1000}
            inputMode="numeric"
            defaultValue={item.weight ?? ''}
            disabled={readOnly}
            onBlur={(e) => {
              const v = e.target.value === '' ? null : Number(e.target.value);
              if (v !== item.weight) on.patch(item, { weight: v });
            }}
          />
        </label>
      ) : null}
      {/* An MK has no weight: the section keeps its column (app.css) without an empty cell. */}
      <label className="item-field item-field-section">
        Afsnit
        <input
          aria-label={`Afsnit for ${key}`}
          className="form-input"
          list="section-names"
          defaultValue={item.section ?? ''}
          disabled={readOnly}
          onBlur={(e) => {
            const section = textChange(e.target.value, item.section);
            if (section !== undefined) on.patch(item, { section });
          }}
        />
      </label>
      <label className="item-field item-field-note">
        Note
        <input
          aria-label={`Note til ${key}`}
          className="form-input"
          defaultValue={item.note ?? ''}
          disabled={readOnly}
          onBlur={(e) => {
            const note = textChange(e.target.value, item.note);
            if (note !== undefined) on.patch(item, { note });
          }}
        />
      </label>
    </div>
  );
}

/**
 * One item: number, requirement, move controls (buttons for the keyboard, a handle to drag),
 * MK/EK, weight, section and note; changes are saved as they are made.
 */
export const ItemCard = memo(function ItemCard({
  item,
  number,
  canUp,
  canDown,
  readOnly,
  on,
}: {
  item: ItemView;
  number: number;
  canUp: boolean;
  canDown: boolean;
  readOnly: boolean;
  on: ItemActions;
}) {
  const key = keyOf(item);
  const dragOver = (e: DragEvent<HTMLLIElement>) => {
    if (readOnly) return;
    e.preventDefault();
    e.currentTarget.classList.add('drop-target');
  };
  return (
    <li
      className={item.source === 'local' ? 'item-card local-item' : 'item-card'}
      data-key={key}
      onDragOver={dragOver}
      onDragLeave={(e) => e.currentTarget.classList.remove('drop-target')}
      onDrop={(e) => {
        e.preventDefault();
        e.currentTarget.classList.remove('drop-target');
        on.drop(item);
      }}
    >
      {/* The number is drawn by CSS from data-number (app.css): the list's DOM is most of the editor's first paint. */}
      <div className="item-head" data-number={`${number}.`}>
        {!readOnly && (
          <span
            className="drag-handle"
            draggable
            title={`Træk ${key} til en ny plads`}
            aria-hidden="true"
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', key);
              const card = e.currentTarget.closest('li');
              if (card) e.dataTransfer.setDragImage(card, 16, 16);
              on.dragStart(item);
            }}
            onDragEnd={() => on.dragEnd()}
          />
        )}
        <div className="item-title">
          <Title item={item} />
        </div>
        {!readOnly && (
          <div className="item-move">
            <button
              type="button"
              className="button button-tertiary button-small"
              aria-label={`Flyt ${key} op`}
              disabled={!canUp}
              onClick={() => on.move(item, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="button button-tertiary button-small"
              aria-label={`Flyt ${key} ned`}
              disabled={!canDown}
              onClick={() => on.move(item, 1)}
            >
              ↓
            </button>
            <button
              type="button"
              className="button button-tertiary button-small"
              aria-label={`Fjern ${key}`}
              onClick={() => on.remove(item)}
            >
              Fjern
            </button>
          </div>
        )}
      </div>
      <Fields item={item} readOnly={readOnly} on={on} />
    </li>
  );
});
