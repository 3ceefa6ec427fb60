import { useState } from 'react';
import { mapProblem } from '../../lib/problems';
import type { SpecificationView } from '../../lib/api/types';
import { useAddToSpecification } from '../../lib/drafts';

/** Pick which open draft the hits' "Tilføj" buttons add to. */
export function TargetPicker({
  drafts,
  target,
  onTarget,
}: {
  drafts: SpecificationView[];
  target: string;
  onTarget: (id: string) => void;
}) {
  if (!drafts.length) return <p className="form-hint">Opret en kravspecifikation for at kunne tilføje krav fra søgningen.</p>;
  return (
    <div className="form-group target-picker">
      <label className="form-label" htmlFor="target-spec">
        Tilføj krav til
      </label>
      <select id="target-spec" className="form-select" value={target} onChange={(e) => onTarget(e.target.value)}>
        {drafts.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title} (revision {d.revision})
          </option>
        ))}
      </select>
    </div>
  );
}

export function AddButton({
  hitKey,
  title,
  target,
  onDone,
}: {
  hitKey: string;
  title: string;
  target: SpecificationView;
  onDone: (m: string) => void;
}) {
  const add = useAddToSpecification();
  const [added, setAdded] = useState(false);
  const click = () =>
    add.mutate(
      { specificationId: target.id, key: hitKey },
      {
        onSuccess: () => {
          setAdded(true);
          onDone(`${hitKey} er tilføjet til ${target.title}.`);
        },
        onError: (e) => onDone(`${hitKey} blev ikke tilføjet: ${mapProblem(e).message ?? ''}`),
      },
    );
  return (
    <button type="button" className="button button-secondary button-small" onClick={click} disabled={add.isPending || added}>
      {added ? `Tilføjet` : 'Tilføj'}
      <span className="sr-only">
        {' '}
        {hitKey} {title}
      </span>
    </button>
  );
}
