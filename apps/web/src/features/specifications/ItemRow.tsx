import { memo } from 'react';
import { Link } from 'react-router';
import type { ItemChange, ItemView, Obligation } from '../../lib/api/types';
import { CATEGORY_LABEL } from '../../lib/format';

export interface RowActions {
  move: (from: number, to: number) => void;
  patch: (item: ItemView, body: ItemChange) => void;
  remove: (item: ItemView) => void;
  dragStart: (index: number) => void;
  drop: (index: number) => void;
}

const keyOf = (i: ItemView) => i.requirementKey ?? i.localRef ?? '';

/** One item of the editor: position controls, MK/EK, weight, section and note; changes are saved as they are made. */
export const ItemRow = memo(function ItemRow({
  item,
  index,
  count,
  readOnly,
  on,
}: {
  item: ItemView;
  index: number;
  count: number;
  readOnly: boolean;
  on: RowActions;
}) {
  const key = keyOf(item);
  const id = `item-${item.id}`;
  return (
    <tr
      draggable={!readOnly}
      onDragStart={() => on.dragStart(index)}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        on.drop(index);
      }}
      className={item.source === 'local' ? 'local-item' : undefined}
    >
      <td className="pos">
        <span className="pos-number">{index + 1}</span>
        {!readOnly && (
          <span className="move">
            <button
              type="button"
              className="button button-tertiary button-small"
              disabled={index === 0}
              onClick={() => on.move(index, index - 1)}
            >
              <span aria-hidden="true">↑</span>
              <span className="sr-only">Flyt {key} op</span>
            </button>
            <button
              type="button"
              className="button button-tertiary button-small"
              disabled={index === count - 1}
              onClick={() => on.move(index, index + 1)}
            >
              <span aria-hidden="true">↓</span>
              <span className="sr-only">Flyt {key} ned</span>
            </button>
          </span>
        )}
      </td>
      <th scope="row" className="item-title">
        {item.source === 'local' ? (
          <>
            <span className="badge badge-info">Lokalt krav – ikke fra kravbanken</span> {key} {item.title}
          </>
        ) : (
          <>
            <Link to={`/krav/${key}`}>
              {key} {item.title}
            </Link>
            <span className="hit-meta">
              {' '}
              {item.category ? CATEGORY_LABEL[item.category] : ''} · version {item.version}
            </span>
            {item.newerVersionAvailable && <span className="badge badge-warning">Nyere version: {item.currentVersion}</span>}
          </>
        )}
      </th>
      <td>
        <label className="sr-only" htmlFor={`${id}-obligation`}>
          Kravtype for {key}
        </label>
        <select
          id={`${id}-obligation`}
          className="form-select"
          value={item.obligation}
          disabled={readOnly}
          onChange={(e) => {
            const obligation = e.target.value as Obligation;
            on.patch(item, { obligation, weight: obligation === 'minimum' ? null : (item.weight ?? undefined) });
          }}
        >
          <option value="minimum">MK</option>
          <option value="evaluated">EK</option>
        </select>
      </td>
      <td>
        {item.obligation === 'evaluated' && (
          <>
            <label className="sr-only" htmlFor={`${id}-weight`}>
              Vægt for {key}
            </label>
            <input
              id={`${id}-weight`}
              className="form-input input-weight"
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
          </>
        )}
      </td>
      <td>
        <label className="sr-only" htmlFor={`${id}-section`}>
          Afsnit for {key}
        </label>
        <input
          id={`${id}-section`}
          className="form-input"
          defaultValue={item.section ?? ''}
          disabled={readOnly}
          onBlur={(e) => (e.target.value || null) !== item.section && on.patch(item, { section: e.target.value || null })}
        />
      </td>
      <td>
        <label className="sr-only" htmlFor={`${id}-note`}>
          Note til {key}
        </label>
        <input
          id={`${id}-note`}
          className="form-input"
          defaultValue={item.note ?? ''}
          disabled={readOnly}
          onBlur={(e) => (e.target.value || null) !== item.note && on.patch(item, { note: e.target.value || null })}
        />
      </td>
      <td>
        {!readOnly && (
          <button type="button" className="button button-tertiary button-small" onClick={() => on.remove(item)}>
            Fjern<span className="sr-only"> {key}</span>
          </button>
        )}
      </td>
    </tr>
  );
});
