import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import { FormField } from '../../components/FormField';
import type { ItemView, SpecificationView } from '../../lib/api/types';
import { date } from '../../lib/format';
import { mapProblem, type MappedProblem } from '../../lib/problems';
import {
  addLocalItem,
  download,
  finalize as finalizeSpec,
  newRevision,
  patchItem,
  removeItem,
  specKey,
  upgradeAll,
  upgradeItem,
  useSpecification,
  useSpecMutation,
  type ExportFormat,
} from './api';
import { ItemRow, type RowActions } from './ItemRow';
import { UpdatesPanel } from './UpdatesPanel';

/** The position that puts an item at `to` in `items` (without it), renumbering only when no gap is left. */
function positionsFor(items: ItemView[], from: number, to: number): Array<{ item: ItemView; position: number }> {
  const order = [...items];
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved);
  const before = order[to - 1]?.position;
  const after = order[to + 1]?.position;
  const lo = before ?? (after ?? 10) - 20;
  const hi = after ?? (before ?? 0) + 20;
  if (hi - lo >= 2 && lo + 1 >= 0) return [{ item: moved, position: Math.floor((lo + hi) / 2) }];
  return order.map((item, i) => ({ item, position: (i + 1) * 10 })).filter(({ item, position }) => item.position !== position);
}

function Totals({ items }: { items: ItemView[] }) {
  const mk = items.filter((i) => i.obligation === 'minimum').length;
  const ek = items.length - mk;
  const weight = items.reduce((s, i) => s + (i.weight ?? 0), 0);
  return (
    <dl className="totals" aria-label="Totaler">
      <div>
        <dt>Krav i alt</dt>
        <dd>{items.length}</dd>
      </div>
      <div>
        <dt>Mindstekrav (MK)</dt>
        <dd>{mk}</dd>
      </div>
      <div>
        <dt>Evalueringskrav (EK)</dt>
        <dd>{ek}</dd>
      </div>
      <div>
        <dt>Samlet vægt</dt>
        <dd>{weight}</dd>
      </div>
    </dl>
  );
}

function LocalForm({ id, onAdded }: { id: string; onAdded: (m: string) => void }) {
  const [title, setTitle] = useState('');
  const [statement, setStatement] = useState('');
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const add = useSpecMutation(id, () => addLocalItem(id, { title, statement }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    add.mutate(undefined, {
      onSuccess: () => {
        onAdded(`Det lokale krav »${title}« er tilføjet.`);
        setTitle('');
        setStatement('');
      },
      onError: (err) => setProblem(mapProblem(err)),
    });
  };
  return (
    <details className="local-form">
      <summary>Tilføj et lokalt krav (skrevet af jer selv, ikke fra kravbanken)</summary>
      <form onSubmit={submit} noValidate>
        {problem?.message && <Alert kind="error" heading={problem.message} />}
        <FormField
          label="Titel på det lokale krav"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={problem?.fields.title}
          required
        />
        <FormField
          label="Kravtekst"
          hint="Skriv kravet som »Leverandøren skal …«"
          multiline
          value={statement}
          onChange={(e) => setStatement(e.target.value)}
          error={problem?.fields.statement}
          required
        />
        <button type="submit" className="button button-secondary" disabled={add.isPending}>
          Tilføj lokalt krav
        </button>
      </form>
    </details>
  );
}

function Actions({ spec, onMessage }: { spec: SpecificationView; onMessage: (m: string, error?: boolean) => void }) {
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  const finalize = useSpecMutation(spec.id, () => finalizeSpec(spec.id));
  const revise = useSpecMutation(spec.id, () => newRevision(spec.id));
  const exportAs = (format: ExportFormat, edition?: 'tender' | 'buyer') =>
    download(spec.id, format, edition).then(
      (name) => onMessage(`${name} er hentet.`),
      (e) => onMessage(mapProblem(e).message ?? 'Eksporten fejlede.', true),
    );
  return (
    <section aria-labelledby="actions-heading" className="actions">
      <h2 id="actions-heading" className="h3">
        Eksport og afslutning
      </h2>
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={() => void exportAs('docx', 'tender')}>
          Hent DOCX til udbud
        </button>
        <button type="button" className="button button-secondary" onClick={() => void exportAs('docx', 'buyer')}>
          Hent DOCX til ordregiver
        </button>
        <button type="button" className="button button-secondary" onClick={() => void exportAs('csv')}>
          Hent CSV
        </button>
        <button type="button" className="button button-secondary" onClick={() => void exportAs('json')}>
          Hent JSON
        </button>
      </div>
      {spec.status === 'draft' && !confirming && (
        <button type="button" className="button button-primary" onClick={() => setConfirming(true)}>
          Afslut kravspecifikationen
        </button>
      )}
      {confirming && (
        <div className="alert alert-warning" role="alertdialog" aria-labelledby="confirm-heading" aria-describedby="confirm-text">
          <div className="alert-body">
            <p className="alert-heading" id="confirm-heading">
              Vil du afslutte revision {spec.revision}?
            </p>
            <p className="alert-text" id="confirm-text">
              En afsluttet kravspecifikation kan ikke ændres. Kravene fastfryses i de versioner, den har nu, og hver eksport giver præcis
              den samme fil. Vil du ændre noget bagefter, starter du en ny revision.
            </p>
            <div className="button-row">
              <button
                type="button"
                className="button button-primary"
                onClick={() =>
                  finalize.mutate(undefined, {
                    onSuccess: () => onMessage(`Revision ${spec.revision} er afsluttet.`),
                    onError: (e) => onMessage(mapProblem(e).message ?? '', true),
                    onSettled: () => setConfirming(false),
                  })
                }
              >
                Ja, afslut
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                Fortryd
              </button>
            </div>
          </div>
        </div>
      )}
      {spec.status === 'final' && (
        <button
          type="button"
          className="button button-primary"
          onClick={() =>
            revise.mutate(undefined, {
              onSuccess: (s) => void navigate(`/specifikationer/${s.id}`),
              onError: (e) => onMessage(mapProblem(e).message ?? '', true),
            })
          }
        >
          Start ny revision
        </button>
      )}
    </section>
  );
}

/** The specification editor: items, totals, newer versions, local requirements, export and finalization. */
export default function EditorPage() {
  const { id = '' } = useParams();
  const { spec, items, updates } = useSpecification(id);
  const qc = useQueryClient();
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const dragFrom = useRef<number | null>(null);
  const say = (text: string, error?: boolean) => setMessage({ text, error });
  const change = useSpecMutation(id, (fn: () => Promise<unknown>) => fn());
  const itemsKey = [...specKey(id), 'items'];
  // The rows get handlers that never change, so a row re-renders only when its own item does.
  const latest = useRef<RowActions | null>(null);
  const stable = useMemo<RowActions>(
    () => ({
      move: (a, b) => latest.current?.move(a, b),
      patch: (i, b) => latest.current?.patch(i, b),
      remove: (i) => latest.current?.remove(i),
      dragStart: (i) => latest.current?.dragStart(i),
      drop: (i) => latest.current?.drop(i),
    }),
    [],
  );

  if (spec.isPending || items.isPending) return <Loading what="kravspecifikationen" />;
  if (spec.isError || items.isError)
    return (
      <>
        <h1 tabIndex={-1}>Kravspecifikationen blev ikke fundet</h1>
        <Alert kind="error" heading={mapProblem(spec.error ?? items.error).message ?? ''} />
      </>
    );
  const s = spec.data;
  const list = items.data;
  const readOnly = s.status === 'final';
  const run = (fn: () => Promise<unknown>, ok?: string) =>
    change.mutate(fn, { onSuccess: () => ok && say(ok), onError: (e) => say(mapProblem(e).message ?? '', true) });

  const on: RowActions = {
    move: (from, to) => {
      if (to < 0 || to >= list.length) return;
      const changes = positionsFor(list, from, to);
      const next = [...list];
      const [moved] = next.splice(from, 1);
      next.splice(to, 0, moved);
      qc.setQueryData(
        itemsKey,
        next.map((i) => ({ ...i, position: changes.find((c) => c.item.id === i.id)?.position ?? i.position })),
      );
      const key = moved.requirementKey ?? moved.localRef;
      run(
        () => Promise.all(changes.map((c) => patchItem(id, c.item.id, { position: c.position }))),
        `${key} er flyttet til plads ${to + 1}.`,
      );
    },
    patch: (item, body) => run(() => patchItem(id, item.id, body), `${item.requirementKey ?? item.localRef} er gemt.`),
    remove: (item) => run(() => removeItem(id, item.id), `${item.requirementKey ?? item.localRef} er fjernet.`),
    dragStart: (index) => (dragFrom.current = index),
    drop: (index) => {
      if (dragFrom.current !== null && dragFrom.current !== index) on.move(dragFrom.current, index);
      dragFrom.current = null;
    },
  };
  latest.current = on;

  return (
    <>
      <h1 tabIndex={-1}>{s.title}</h1>
      <p className="lead">
        {s.procurementName} · revision {s.revision} · {readOnly ? `afsluttet ${date(s.finalizedAt)}` : 'kladde'} · {s.organisation.name}
      </p>
      {readOnly && (
        <Alert kind="info" heading="Denne revision er afsluttet og kan ikke ændres. Start en ny revision for at arbejde videre." />
      )}
      <div aria-live="polite" className="status-line">
        {message && <Alert kind={message.error ? 'error' : 'success'} heading={message.text} />}
      </div>
      <Totals items={list} />
      {!readOnly && updates.data && (
        <UpdatesPanel
          updates={updates.data}
          busy={change.isPending}
          onUpgrade={(u) => run(() => upgradeItem(id, u.itemId), `${u.requirementKey} er opgraderet til version ${u.currentVersion}.`)}
          onUpgradeAll={() => run(() => upgradeAll(id), 'Alle krav er opgraderet.')}
        />
      )}
      <section aria-labelledby="items-heading">
        <h2 id="items-heading">Krav</h2>
        <p className="form-hint">
          MK = mindstekrav, som tilbuddet skal opfylde. EK = evalueringskrav, som indgår i vurderingen med den vægt, du giver (1–1000).
          Ændringer gemmes, når du forlader feltet. Flyt krav med pilene eller ved at trække rækken.
        </p>
        {list.length === 0 ? (
          <p>Ingen krav endnu. Find krav under »Søg i kravbanken«, og tilføj dem herfra.</p>
        ) : (
          <div className="table-wrap" role="region" aria-label="Tabel: Kravene i kravspecifikationen" tabIndex={0}>
            <table className="table items-table">
              <caption className="sr-only">Kravene i rækkefølge. Flyt med pileknapperne eller ved at trække en række.</caption>
              <thead>
                <tr>
                  <th scope="col">Nr.</th>
                  <th scope="col">Krav</th>
                  <th scope="col">Kravtype</th>
                  <th scope="col">Vægt</th>
                  <th scope="col">Afsnit</th>
                  <th scope="col">Note</th>
                  <th scope="col">
                    <span className="sr-only">Handlinger</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((item, i) => (
                  <ItemRow key={item.id} item={item} index={i} count={list.length} readOnly={readOnly} on={stable} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {!readOnly && <LocalForm id={id} onAdded={say} />}
      </section>
      <Actions spec={s} onMessage={say} />
    </>
  );
}
