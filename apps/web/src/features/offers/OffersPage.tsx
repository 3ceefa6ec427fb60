import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import { FieldGroup, FormField } from '../../components/FormField';
import { Pager } from '../../components/Pager';
import { ApiError } from '../../lib/api/client';
import type { SpecificationView } from '../../lib/api/types';
import { mapProblem, type MappedProblem } from '../../lib/problems';
import {
  createOffer,
  deleteOffer,
  fileProblem,
  OFFERS_PER_PAGE,
  uploadOfferFile,
  useOffers,
  useOffersMutation,
  type Finding,
  type Offer,
} from './api';
import { bytes, conformityBadges, FINDING_LABEL } from './labels';
import './offers.css';
import { Badges, FinalSpecification, StatusLine } from './Parts';
import { dateTime } from '../../lib/format';

type Say = (text: string, error?: boolean) => void;

function RegisterForm({ id, onDone }: { id: string; onDone: Say }) {
  const [bidderName, setBidderName] = useState('');
  const [cvr, setCvr] = useState('');
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const create = useOffersMutation(id, () => createOffer(id, { bidderName, cvr: cvr.replace(/\s/g, '') }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    create.mutate(undefined, {
      onSuccess: (o) => {
        onDone(`Tilbuddet fra ${o.bidderName} er registreret. Indlæs nu besvarelsen.`);
        setBidderName('');
        setCvr('');
      },
      onError: (err) => {
        const p = mapProblem(err);
        // The same CVR twice is about the CVR field.
        if (err instanceof ApiError && err.problem.code === 'offer_exists')
          setProblem({ ...p, fields: { cvr: p.message ?? '' }, message: 'Ret de markerede felter.' });
        else setProblem(p);
      },
    });
  };
  return (
    <section aria-labelledby="register-heading" className="register-offer">
      <h2 id="register-heading">Registrér en tilbudsgiver</h2>
      <form onSubmit={submit} noValidate>
        {problem?.message && <Alert kind="error" heading={problem.message} />}
        <FormField
          label="Tilbudsgivers navn"
          value={bidderName}
          onChange={(e) => setBidderName(e.target.value)}
          error={problem?.fields.bidderName}
          autoComplete="organization"
          required
        />
        <FormField
          label="CVR-nummer"
          hint="8 cifre"
          className="input-width-xs input-cvr"
          inputMode="numeric"
          value={cvr}
          onChange={(e) => setCvr(e.target.value)}
          error={problem?.fields.cvr}
          required
        />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Registrér tilbud
        </button>
      </form>
    </section>
  );
}

function Findings({ findings }: { findings: Finding[] }) {
  if (!findings.length) return null;
  return (
    <ul className="findings">
      {findings.slice(0, 10).map((f, i) => (
        <li key={i}>
          {FINDING_LABEL[f.kind]} i {f.location}: <code>{f.text}</code>
        </li>
      ))}
    </ul>
  );
}

function UploadForm({ id, offer, onDone }: { id: string; offer: Offer; onDone: Say }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<{ message: string; findings: Finding[] } | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const upload = useOffersMutation(id, (f: File) => uploadOfferFile(id, offer.id, f));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!file) {
      setError({ message: 'Vælg den udfyldte XLSX- eller DOCX-fil først.', findings: [] });
      return;
    }
    upload.mutate(file, {
      onSuccess: (o) => {
        const verdict = conformityBadges(o.conformity, o.summary)
          .map((b) => b.text)
          .join(', ');
        onDone(`Besvarelsen fra ${o.bidderName} er indlæst: ${verdict}.`);
        setFile(null);
        setInputKey((k) => k + 1);
      },
      onError: (err) => setError(fileProblem(err) ?? { message: mapProblem(err).message ?? 'Filen kunne ikke indlæses.', findings: [] }),
    });
  };
  return (
    <form onSubmit={submit} noValidate className="upload-form">
      <FieldGroup
        label={`${offer.file ? 'Ny besvarelse' : 'Besvarelse'} fra ${offer.bidderName}`}
        hint="Den udfyldte XLSX-kravmatrix eller det udfyldte DOCX-bilag, som tilbudsgiveren har sendt tilbage."
        error={error?.message}
      >
        {(inputId, described) => (
          <input
            key={inputKey}
            id={inputId}
            type="file"
            name="file"
            className="form-file-input"
            accept=".xlsx,.docx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            aria-describedby={described}
            aria-invalid={error ? true : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setError(null);
            }}
          />
        )}
      </FieldGroup>
      {error && <Findings findings={error.findings} />}
      <button type="submit" className="button button-secondary" disabled={upload.isPending}>
        {upload.isPending ? 'Indlæser …' : 'Indlæs besvarelse'}
      </button>
    </form>
  );
}

function DeleteOffer({ id, offer, onDone }: { id: string; offer: Offer; onDone: Say }) {
  const [confirming, setConfirming] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const remove = useOffersMutation(id, () => deleteOffer(id, offer.id));
  useEffect(() => {
    if (confirming) dialog.current?.focus();
  }, [confirming]);
  if (offer.scoreCount > 0) return <p className="form-hint">Tilbuddet er bedømt og kan ikke slettes.</p>;
  const cancel = () => {
    setConfirming(false);
    setTimeout(() => opener.current?.focus());
  };
  if (!confirming)
    return (
      <button ref={opener} type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
        Slet tilbud
      </button>
    );
  const headingId = `delete-${offer.id}-heading`;
  return (
    <div
      ref={dialog}
      tabIndex={-1}
      className="alert alert-warning"
      role="alertdialog"
      aria-labelledby={headingId}
      aria-describedby={`${headingId}-text`}
    >
      <div className="alert-body">
        <p className="alert-heading" id={headingId}>
          Vil du slette tilbuddet fra {offer.bidderName}?
        </p>
        <p className="alert-text" id={`${headingId}-text`}>
          Tilbuddet og en indlæst besvarelse med importrapport slettes. Sletningen står i revisionssporet.
        </p>
        <div className="button-row">
          <button
            type="button"
            className="button button-primary"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => {
                  onDone(`Tilbuddet fra ${offer.bidderName} er slettet.`);
                  // The card is gone: focus goes to the list's heading rather than to the page's start.
                  document.getElementById('offers-heading')?.focus();
                },
                onError: (e) => {
                  onDone(mapProblem(e).message ?? 'Tilbuddet kunne ikke slettes.', true);
                  setConfirming(false);
                },
              })
            }
          >
            Ja, slet tilbuddet
          </button>
          <button type="button" className="button button-secondary" onClick={cancel}>
            Fortryd
          </button>
        </div>
      </div>
    </div>
  );
}

function OfferCard({ id, offer, onDone }: { id: string; offer: Offer; onDone: Say }) {
  const headingId = `offer-${offer.id}`;
  const f = offer.file;
  return (
    <li>
      <section className="offer-card" aria-labelledby={headingId}>
        <h3 id={headingId} className="offer-name">
          {offer.bidderName}
        </h3>
        <dl className="offer-facts">
          <div>
            <dt>CVR-nummer</dt>
            <dd>{offer.cvr}</dd>
          </div>
          <div>
            <dt>Besvarelse</dt>
            <dd className="break">
              {f
                ? `${f.name} (${f.format.toUpperCase()}, ${bytes(f.size)}), indlæst ${dateTime(f.importedAt)} af ${f.importedBy}`
                : 'Ikke indlæst endnu'}
            </dd>
          </div>
          <div>
            <dt>Vurdering</dt>
            <dd>
              <Badges badges={conformityBadges(offer.conformity, offer.summary)} />
            </dd>
          </div>
        </dl>
        {f && (
          <p>
            <Link to={`/specifikationer/${id}/tilbud/${offer.id}`}>Importrapport for {offer.bidderName}</Link>
          </p>
        )}
        {offer.scoreCount > 0 ? (
          <p className="form-hint">Tilbuddet er bedømt: en ny besvarelse kan ikke indlæses oven på pointene.</p>
        ) : (
          <UploadForm id={id} offer={offer} onDone={onDone} />
        )}
        <DeleteOffer id={id} offer={offer} onDone={onDone} />
      </section>
    </li>
  );
}

function Offers({ spec }: { spec: SpecificationView }) {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('side')) || 1);
  const offers = useOffers(spec.id, page);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const say: Say = (text, error) => setMessage({ text, error });
  const total = offers.data?.total ?? 0;
  return (
    <>
      <h1 tabIndex={-1}>Tilbud</h1>
      <p className="lead">
        {spec.title} · revision {spec.revision}
      </p>
      <p>
        Registrér hver tilbudsgiver, og indlæs den udfyldte kravmatrix (XLSX) eller det udfyldte bilag (DOCX), som tilbudsgiveren har sendt
        tilbage. Importrapporten viser mindstekrav besvaret Nej eller blankt og ændrede kravtekster (mulige forbehold). Bedøm derefter
        evalueringskravene under <Link to={`/specifikationer/${spec.id}/evaluering`}>Evaluering</Link>.
      </p>
      <StatusLine message={message} />
      <section aria-labelledby="offers-heading" aria-busy={offers.isFetching}>
        <h2 id="offers-heading" tabIndex={-1}>
          Registrerede tilbud{offers.data ? ` (${total})` : ''}
        </h2>
        {offers.isPending && <Loading what="tilbuddene" />}
        {offers.isError && <Alert kind="error" heading={mapProblem(offers.error).message ?? ''} />}
        {offers.data && total === 0 && <p>Ingen tilbud registreret endnu.</p>}
        {offers.data && offers.data.items.length > 0 && (
          <ul className="offer-list no-max-width">
            {offers.data.items.map((o) => (
              <OfferCard key={o.id} id={spec.id} offer={o} onDone={say} />
            ))}
          </ul>
        )}
        <Pager
          page={page}
          pages={Math.ceil(total / OFFERS_PER_PAGE)}
          onPage={(p) => setParams(p > 1 ? { side: String(p) } : {})}
          label="Sider med tilbud"
        />
      </section>
      <RegisterForm id={spec.id} onDone={say} />
    </>
  );
}

/** Tilbud: the bidders of a final specification, their returned annexes and what the import found. */
export default function OffersPage() {
  const { id = '' } = useParams();
  return (
    <FinalSpecification id={id} heading="Tilbud">
      {(spec) => <Offers spec={spec} />}
    </FinalSpecification>
  );
}
