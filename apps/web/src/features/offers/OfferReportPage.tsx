import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import { DiffRuns } from '../../components/DiffView';
import { Pager } from '../../components/Pager';
import type { SpecificationView } from '../../lib/api/types';
import { dateTime, OBLIGATION_SHORT } from '../../lib/format';
import { mapProblem } from '../../lib/problems';
import { downloadEvaluation, useOffer, type ImportReport, type ImportSummary, type ReportRow } from './api';
import { bytes, conformityBadges, FINDING_LABEL, FLAG_LABEL } from './labels';
import './offers.css';
import { Badges, FinalSpecification, StatusLine } from './Parts';

const ROWS_PER_PAGE = 50;

function Summary({ s, report }: { s: ImportSummary; report: ImportReport }) {
  const facts: Array<[string, number, boolean]> = [
    ['Krav i alt', s.requirements, false],
    ['Mindstekrav (MK) besvaret Ja', s.mkYes, false],
    ['MK besvaret Nej', s.mkNo, s.mkNo > 0],
    ['MK ikke besvaret (blank)', s.mkBlank, s.mkBlank > 0],
    ['MK besvaret med andet end Ja/Nej', s.mkInvalid, s.mkInvalid > 0],
    ['Ændrede kravtekster (mulige forbehold)', s.reservations, s.reservations > 0],
    ['Manglende rækker', s.missing, s.missing > 0],
    ['Tilføjede rækker', s.added, s.added > 0],
    ['Formler, links og eksterne kæder fundet', s.findings, s.findings > 0],
  ];
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">Sammenfatning</h2>
      <dl className="totals report-totals">
        {facts.map(([label, n, flagged]) => (
          <div key={label} className={flagged ? 'flagged' : undefined}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      <p className="form-hint">
        Læst fra {report.format === 'xlsx' ? 'XLSX-kravmatrixen' : 'DOCX-bilaget'} (
        {report.edition === 'tender' ? 'udgaven til udbud' : 'udgaven til ordregiver'}). Formler, makroer og eksterne kæder køres eller
        følges aldrig; de vises kun her.
      </p>
    </section>
  );
}

/** A requirement text as exported and as returned: inserted words underlined, deleted struck through, and said so to a screen reader. */
function WordDiff({ runs }: { runs: ReportRow['changes'][number]['diff'] }) {
  return (
    <p className="diff word-diff">
      <DiffRuns runs={runs} />
    </p>
  );
}

function Flagged({ report }: { report: ImportReport }) {
  const rows = report.rows.filter((r) => r.flags.length > 0);
  return (
    <section aria-labelledby="flagged-heading" className="report-section">
      <h2 id="flagged-heading">Rækker, der kræver opmærksomhed ({rows.length})</h2>
      {rows.length === 0 && <p>Ingen rækker er markeret: alle mindstekrav er besvaret Ja, og ingen kravtekst er ændret.</p>}
      <ul className="flagged-list no-max-width">
        {rows.map((r) => (
          <li key={r.itemId} className="flagged-row">
            <h3 className="h5">
              {r.key}
              {r.version !== null && ` v${r.version}`} {OBLIGATION_SHORT[r.obligation]}: {r.title}
            </h3>
            <ul className="flag-list">
              {r.flags.map((f) => (
                <li key={f}>
                  <span className={`badge ${f === 'reservation' ? 'badge-warning' : 'badge-error'}`}>{FLAG_LABEL[f]}</span>
                  {f === 'mk_invalid' && r.fulfilledText && <> Svaret: »{r.fulfilledText}«</>}
                </li>
              ))}
            </ul>
            {r.changes.map((c, i) => (
              <div key={i} className="text-change">
                <p className="change-column">Ændring i »{c.column}«:</p>
                <WordDiff runs={c.diff} />
              </div>
            ))}
          </li>
        ))}
      </ul>
      {report.added.length > 0 && (
        <>
          <h3>Rækker, som tilbudsgiveren har tilføjet</h3>
          <ul>
            {report.added.map((a) => (
              <li key={a.position}>
                Række {a.position}: {a.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.findings.length > 0 && (
        <>
          <h3>Fundet i filen (ikke kørt eller fulgt)</h3>
          <ul className="findings">
            {report.findings.map((f, i) => (
              <li key={i}>
                {FINDING_LABEL[f.kind]} i {f.location}: <code className="break">{f.text}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function answerOf(r: ReportRow): string {
  if (r.obligation === 'evaluated') return 'Ikke relevant (EK)';
  if (r.flags.includes('missing')) return 'Mangler';
  if (r.fulfilled) return r.fulfilled;
  return r.fulfilledText ? `Andet: »${r.fulfilledText}«` : 'Blank';
}

function Answers({ report }: { report: ImportReport }) {
  const [page, setPage] = useState(1);
  const rows = report.rows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE);
  return (
    <section aria-labelledby="answers-heading" className="report-section">
      <h2 id="answers-heading">Alle besvarelser ({report.rows.length})</h2>
      <table className="table table--zebra table-md-responsive-headers answers-table">
        <caption className="sr-only">Tilbudsgiverens besvarelse af hvert krav</caption>
        <thead>
          <tr>
            <th scope="col">Krav</th>
            <th scope="col">Type</th>
            <th scope="col">Opfyldt</th>
            <th scope="col">Beskrivelse</th>
            <th scope="col">Bilagshenvisning</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.itemId} className={r.flags.length ? 'answer-flagged' : undefined}>
              <th scope="row" data-title="Krav">
                {r.key} {r.title}
              </th>
              <td data-title="Type">
                {OBLIGATION_SHORT[r.obligation]}
                {r.weight !== null && ` (vægt ${r.weight})`}
              </td>
              <td data-title="Opfyldt">{answerOf(r)}</td>
              <td data-title="Beskrivelse" className="prewrap">
                {r.description || '–'}
              </td>
              <td data-title="Bilagshenvisning">{r.attachment || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} pages={Math.ceil(report.rows.length / ROWS_PER_PAGE)} onPage={setPage} label="Sider med besvarelser" />
    </section>
  );
}

function Report({ spec, offerId }: { spec: SpecificationView; offerId: string }) {
  const offer = useOffer(spec.id, offerId);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  if (offer.isPending) return <Loading what="importrapporten" />;
  if (offer.isError)
    return (
      <>
        <h1 tabIndex={-1}>Tilbuddet blev ikke fundet</h1>
        <Alert kind="error" heading={mapProblem(offer.error).message ?? ''} />
      </>
    );
  const o = offer.data;
  const report = o.report;
  const fetchReport = () =>
    downloadEvaluation(spec.id, 'docx', o.id).then(
      (name) => setMessage({ text: `${name} er hentet.` }),
      (e) => setMessage({ text: mapProblem(e).message ?? 'Rapporten kunne ikke hentes.', error: true }),
    );
  return (
    <>
      <h1 tabIndex={-1}>Importrapport: {o.bidderName}</h1>
      <p className="lead">
        CVR {o.cvr} · {spec.title} · revision {spec.revision}
      </p>
      <p>
        <Link to={`/specifikationer/${spec.id}/tilbud`}>Tilbage til tilbuddene</Link>
      </p>
      <div className="report-verdict">
        <Badges badges={conformityBadges(o.conformity, o.summary)} />
      </div>
      {o.file && (
        <p className="hit-meta break">
          Fil: {o.file.name} ({o.file.format.toUpperCase()}, {bytes(o.file.size)}), indlæst {dateTime(o.file.importedAt)} af{' '}
          {o.file.importedBy}
        </p>
      )}
      <StatusLine message={message} />
      {!report || !o.summary ? (
        <Alert kind="info" heading="Der er endnu ikke indlæst en besvarelse fra denne tilbudsgiver.">
          <p>
            Indlæs besvarelsen under <Link to={`/specifikationer/${spec.id}/tilbud`}>Tilbud</Link>.
          </p>
        </Alert>
      ) : (
        <>
          <Summary s={o.summary} report={report} />
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void fetchReport()}>
              Hent evalueringsrapport for {o.bidderName} (DOCX)
            </button>
          </div>
          <Flagged report={report} />
          <Answers report={report} />
        </>
      )}
    </>
  );
}

/** Importrapport: what the import of one bidder's returned annex found, flagged rows first, then every answer. */
export default function OfferReportPage() {
  const { id = '', offerId = '' } = useParams();
  return (
    <FinalSpecification id={id} heading="Importrapport">
      {(spec) => <Report spec={spec} offerId={offerId} />}
    </FinalSpecification>
  );
}
