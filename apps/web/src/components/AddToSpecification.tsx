import { useState } from 'react';
import { problemSentence } from '../lib/problems';
import type { SpecificationView } from '../lib/api/types';
import { useAddToSpecification, useDraftSpecifications } from '../lib/drafts';
import { useSession } from '../lib/session';

/** Pick which open draft the "Tilføj" buttons add to. */
export function TargetPicker({
  drafts,
  target,
  onTarget,
  label = 'Tilføj krav til',
}: {
  drafts: SpecificationView[];
  target: string;
  onTarget: (id: string) => void;
  label?: string;
}) {
  if (!drafts.length) return <p className="form-hint">Opret en kravspecifikation for at kunne tilføje krav fra søgningen.</p>;
  return (
    <div className="form-group target-picker">
      <label className="form-label" htmlFor="target-spec">
        {label}
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
        onError: (e) => onDone(`${hitKey} blev ikke tilføjet: ${problemSentence(e)}`),
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

/**
 * "Tilføj til kravspecifikation" on a requirement's own page, for a procurer: pick one of the
 * organisation's open drafts and add the requirement (its current version) to it.
 */
export function AddToDraft({ reqKey, title }: { reqKey: string; title: string }) {
  const { data: user } = useSession();
  const procurer = !!user?.roles.includes('procurer');
  const drafts = useDraftSpecifications(procurer);
  const [target, setTarget] = useState('');
  const [message, setMessage] = useState('');
  if (!procurer) return null;
  const list = drafts.data?.items ?? [];
  const chosen = list.find((d) => d.id === target) ?? list[0];
  return (
    <section className="add-to-draft" aria-labelledby="add-to-draft-heading">
      <h2 id="add-to-draft-heading" className="h4">
        Tilføj til kravspecifikation
      </h2>
      {drafts.isPending ? (
        <p>Henter dine kladder …</p>
      ) : (
        <>
          <TargetPicker drafts={list} target={chosen?.id ?? ''} onTarget={setTarget} label="Kravspecifikation (kladde)" />
          {chosen && <AddButton key={chosen.id} hitKey={reqKey} title={title} target={chosen} onDone={setMessage} />}
        </>
      )}
      <p role="status" className="add-status">
        {message}
      </p>
    </section>
  );
}
