import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import { FormField } from '../../components/FormField';
import type { ItemView, SpecificationView } from '../../lib/api/types';
import { date } from '../../lib/format';
import { mapProblem, type MappedProblem } from '../../lib/problems';
import { addLocalItem, download, newRevision, upgradeAll, upgradeItem, useSpecification, useSpecMutation, type ExportFormat } from './api';
import { finalizeSpecification, useChecks } from './annex-api';
import { AnnexSettings } from './AnnexSettings';
import { ChecksPanel } from './ChecksPanel';
import { FinalizeWarnings } from './FinalizeWarnings';
import { XlsxDownloads } from './XlsxDownloads';
import { ItemList } from './ItemList';
import { UpdatesPanel } from './UpdatesPanel';

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
  const checks = useChecks(spec.id, spec.status === 'draft');
  const finalize = useSpecMutation(spec.id, () => finalizeSpecification(spec.id, (checks.data?.length ?? 0) > 0));
  const revise = useSpecMutation(spec.id, () => newRevision(spec.id));
  const exportAs = (format: ExportFormat, edition?: 'tender' | 'buyer') =>
    download(spec.id, format, edition).then(
      (name) => onMessage(`${name} er hentet.`),
      (e) => onMessage(mapProblem(e).message ?? 'Eksporten fejlede.', true),
    );
  return (
    <section aria-labelledby="actions-heading" className="actions">
      <h2 id="actions-heading" className="h3">
        {spec.status === 'final' ? 'Eksport, tilbud og ny revision' : 'Eksport og afslutning'}
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
        <XlsxDownloads onDownload={(format, edition) => void exportAs(format, edition)} />
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
            <FinalizeWarnings id={spec.id} warnings={checks.data} />
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
        <p className="offers-links">
          Når tilbuddene kommer: <Link to={`/specifikationer/${spec.id}/tilbud`}>Tilbud og importrapporter</Link> ·{' '}
          <Link to={`/specifikationer/${spec.id}/evaluering`}>Evaluering af tilbuddene</Link>
        </p>
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
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const say = (text: string, error?: boolean) => setMessage({ text, error });
  const change = useSpecMutation(id, (fn: () => Promise<unknown>) => fn());

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
      {!readOnly && !updates.data && s.updatesAvailable > 0 && (
        <section className="updates" aria-labelledby="updates-heading">
          <h2 id="updates-heading">Nyere versioner</h2>
          <Loading what="forskellene" />
        </section>
      )}
      {!readOnly && updates.data && (
        <UpdatesPanel
          updates={updates.data}
          busy={change.isPending}
          onUpgrade={(u) => run(() => upgradeItem(id, u.itemId), `${u.requirementKey} er opgraderet til version ${u.currentVersion}.`)}
          onUpgradeAll={() => run(() => upgradeAll(id), 'Alle krav er opgraderet.')}
        />
      )}
      <ChecksPanel id={id} items={list} readOnly={readOnly} />
      <section aria-labelledby="items-heading">
        <h2 id="items-heading">Krav</h2>
        <p className="form-hint">
          Kravene står, som de kommer til at stå i bilaget: efter kategori, og inden for den efter afsnit. MK = mindstekrav, som tilbuddet
          skal opfylde. EK = evalueringskrav, som indgår i vurderingen med den vægt, du giver (1–1000). Ændringer gemmes, når du forlader
          feltet. Flyt et krav inden for sit afsnit med pilene, eller træk det i håndtaget ⠿ hen på et andet krav; skriv et afsnit for at
          flytte kravet dertil.
        </p>
        {list.length === 0 ? (
          <p>Ingen krav endnu. Find krav under »Søg i kravbanken«, og tilføj dem herfra.</p>
        ) : (
          <ItemList id={id} items={list} readOnly={readOnly} run={run} />
        )}
        {!readOnly && <LocalForm id={id} onAdded={say} />}
      </section>
      <AnnexSettings id={id} onMessage={say} />
      <Actions spec={s} onMessage={say} />
    </>
  );
}
