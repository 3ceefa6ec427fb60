import { useId, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import { FieldGroup } from '../../components/FormField';
import { Pager } from '../../components/Pager';
import type { SpecificationView } from '../../lib/api/types';
import { mapProblem, type MappedProblem } from '../../lib/problems';
import { useSession } from '../../lib/session';
import {
  downloadEvaluation,
  saveConsensus,
  saveScore,
  useOffersMutation,
  useScores,
  type ScoreCell,
  type ScoreInput,
  type ScoringItem,
  type ScoringMatrix,
  type ScoringOffer,
} from './api';
import { conformityBadge, points } from './labels';
import './offers.css';
import { Badges, FinalSpecification, StatusLine } from './Parts';
import { dateTime } from '../../lib/format';

type Scale = ScoringMatrix['scale'];

/** A small form of points and a written reason: the evaluator's own score, or the consensus. */
function PointsForm({
  name,
  pointsLabel,
  reasonLabel,
  button,
  saved,
  scale,
  initial,
  save,
}: {
  name: string;
  pointsLabel: string;
  reasonLabel: string;
  button: string;
  saved: string;
  scale: Scale;
  initial: { points: number; reason: string } | null;
  save: (v: ScoreInput) => Promise<unknown>;
}) {
  const [value, setValue] = useState(initial ? String(initial.points) : '');
  const [reason, setReason] = useState(initial?.reason ?? '');
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const fields: Record<string, string> = {};
    if (value.trim() === '') fields.points = 'Skal udfyldes.';
    if (!reason.trim()) fields.reason = 'Skriv en begrundelse.';
    if (Object.keys(fields).length) {
      setProblem({ fields, paths: fields, message: null });
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      await save({ points: Number(value.replace(',', '.')), reason });
      setDone(saved);
    } catch (err) {
      setProblem(mapProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="points-form" aria-label={name} onSubmit={(e) => void submit(e)} noValidate>
      {problem?.message && problem.message !== 'Ret de markerede felter.' && <Alert kind="error" heading={problem.message} />}
      <div className="points-row">
        <FieldGroup label={pointsLabel} hint={`${scale.min}–${scale.max}`} error={problem?.fields.points}>
          {(id, described) => (
            <input
              id={id}
              type="number"
              className="form-input input-points"
              min={scale.min}
              max={scale.max}
              step="0.01"
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-describedby={described}
              aria-invalid={problem?.fields.points ? true : undefined}
            />
          )}
        </FieldGroup>
        <FieldGroup label={reasonLabel} error={problem?.fields.reason}>
          {(id, described) => (
            <textarea
              id={id}
              className="form-input reason-input"
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-describedby={described}
              aria-invalid={problem?.fields.reason ? true : undefined}
            />
          )}
        </FieldGroup>
      </div>
      <div className="points-actions">
        <button type="submit" className="button button-secondary" disabled={busy}>
          {button}
        </button>
        <span role="status" className="points-saved">
          {done}
        </span>
      </div>
    </form>
  );
}

function Cell({
  specId,
  item,
  offer,
  cell,
  scale,
  me,
}: {
  specId: string;
  item: ScoringItem;
  offer: ScoringOffer;
  cell: ScoreCell | undefined;
  scale: Scale;
  me: string | undefined;
}) {
  const headingId = useId();
  const scores = cell?.scores ?? [];
  const mine = scores.find((s) => s.evaluatorId === me) ?? null;
  const who = `${offer.bidderName} på ${item.key}`;
  const score = useOffersMutation(specId, (v: ScoreInput) => saveScore(specId, offer.offerId, item.itemId, v));
  const consensus = useOffersMutation(specId, (v: ScoreInput) => saveConsensus(specId, offer.offerId, item.itemId, v));
  return (
    <li>
      <section className="score-cell" aria-labelledby={headingId}>
        <h4 id={headingId} className="h5 score-cell-title">
          {offer.bidderName}
        </h4>
        {scores.length > 0 && (
          <div className="given-scores">
            <p className="given-heading">Point givet af evaluatorerne</p>
            <ul>
              {scores.map((s) => (
                <li key={s.evaluatorId}>
                  <strong>
                    {s.evaluatorName}
                    {s.evaluatorId === me ? ' (dig)' : ''}: {points(s.points)} point
                  </strong>{' '}
                  – <span className="prewrap">{s.reason}</span>
                </li>
              ))}
            </ul>
            {cell?.differs && (
              <p className="score-differs">
                <span className="badge badge-warning">Forskellige point</span> Evaluatorerne er uenige: der er {points(cell.spread)} point
                mellem den laveste og den højeste. Drøft forskellen, og sæt konsensus.
              </p>
            )}
          </div>
        )}
        <PointsForm
          name={`Dine point for ${who}`}
          pointsLabel={`Point for ${who}`}
          reasonLabel={`Begrundelse for ${who}`}
          button="Gem point"
          saved="Dine point er gemt."
          scale={scale}
          initial={mine}
          save={(v) => score.mutateAsync(v)}
        />
        {(scores.length > 0 || cell?.consensus) && (
          <div className="consensus">
            <p className="given-heading">
              Konsensus
              {cell?.consensus
                ? `: ${points(cell.consensus.points)} point (sat af ${cell.consensus.setBy} ${dateTime(cell.consensus.setAt)})`
                : ': ikke sat endnu'}
            </p>
            <PointsForm
              name={`Konsensus for ${who}`}
              pointsLabel={`Konsensuspoint for ${who}`}
              reasonLabel={`Begrundelse for konsensus for ${who}`}
              button="Gem konsensus"
              saved="Konsensus er gemt."
              scale={scale}
              initial={cell?.consensus ?? null}
              save={(v) => consensus.mutateAsync(v)}
            />
          </div>
        )}
      </section>
    </li>
  );
}

function Standings({ matrix }: { matrix: ScoringMatrix }) {
  const sorted = [...matrix.offers].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const state = (o: ScoringOffer) =>
    !o.imported
      ? 'Besvarelse ikke indlæst'
      : o.rank !== null
        ? `${o.rank}. plads`
        : !o.complete
          ? 'Ikke færdigbedømt'
          : 'Rangeres ikke (mulig ikke-konditionsmæssig)';
  return (
    <section aria-labelledby="standings-heading" className="report-section">
      <h2 id="standings-heading">Samlet resultat</h2>
      <p className="form-hint">
        Vægtet total = summen af konsensuspoint × vægt delt med summen af vægtene. Den vises, når alle evalueringskrav har konsensuspoint.
        Kun konditionsmæssige tilbud rangeres.
      </p>
      {sorted.length === 0 ? (
        <p>Ingen tilbud endnu.</p>
      ) : (
        <table className="table table--zebra table-md-responsive-headers standings">
          <caption className="sr-only">Tilbuddenes vægtede total og placering</caption>
          <thead>
            <tr>
              <th scope="col">Tilbudsgiver</th>
              <th scope="col">Vurdering</th>
              <th scope="col">Vægtet total</th>
              <th scope="col">Placering</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((o) => (
              <tr key={o.offerId}>
                <th scope="row" data-title="Tilbudsgiver">
                  {o.bidderName}
                </th>
                <td data-title="Vurdering">
                  <Badges badges={[conformityBadge(o.conformity)]} />
                </td>
                <td data-title="Vægtet total">{points(o.weightedTotal)}</td>
                <td data-title="Placering">{state(o)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Evaluation({ spec }: { spec: SpecificationView }) {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('side')) || 1);
  const matrix = useScores(spec.id, page);
  const { data: user } = useSession();
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const fetchReport = (format: 'docx' | 'xlsx') =>
    downloadEvaluation(spec.id, format).then(
      (name) => setMessage({ text: `${name} er hentet.` }),
      (e) => setMessage({ text: mapProblem(e).message ?? 'Rapporten kunne ikke hentes.', error: true }),
    );
  const m = matrix.data;
  const cellOf = (offerId: string, itemId: string) => m?.cells.find((c) => c.offerId === offerId && c.itemId === itemId);
  const scorable = m?.offers.filter((o) => o.imported) ?? [];
  const waiting = m?.offers.filter((o) => !o.imported) ?? [];
  return (
    <>
      <h1 tabIndex={-1}>Evaluering</h1>
      <p className="lead">
        {spec.title} · revision {spec.revision}
      </p>
      {m && (
        <div className="scale">
          <p>
            Hvert evalueringskrav (EK) får point fra {points(m.scale.min)} til {points(m.scale.max)} under underkriteriet »
            {m.scale.subCriterion}«. Giv dine egne point med en begrundelse; evaluatorerne ser hinandens point, og konsensus sættes, når I
            er enige.
          </p>
          {m.scale.meaning.length > 0 && (
            <details className="scale-meaning">
              <summary>Hvad pointene betyder</summary>
              <dl>
                {m.scale.meaning.map((s) => (
                  <div key={s.points}>
                    <dt>{points(s.points)} point</dt>
                    <dd>{s.meaning}</dd>
                  </div>
                ))}
              </dl>
              {m.scale.method && <p className="prewrap">{m.scale.method}</p>}
            </details>
          )}
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={() => void fetchReport('docx')}>
          Hent evalueringsrapport (DOCX)
        </button>
        <button type="button" className="button button-secondary" onClick={() => void fetchReport('xlsx')}>
          Hent evalueringsrapport (XLSX)
        </button>
      </div>
      <StatusLine message={message} />
      {matrix.isPending && <Loading what="pointene" />}
      {matrix.isError && <Alert kind="error" heading={mapProblem(matrix.error).message ?? ''} />}
      {m && <Standings matrix={m} />}
      {m && (
        <section aria-labelledby="scoring-heading" className="report-section" aria-busy={matrix.isFetching}>
          <h2 id="scoring-heading">Bedømmelse af evalueringskravene</h2>
          {m.total === 0 && <p>Kravspecifikationen har ingen evalueringskrav.</p>}
          {m.offers.length === 0 && (
            <p>
              Ingen tilbud endnu. Registrér tilbuddene under <Link to={`/specifikationer/${spec.id}/tilbud`}>Tilbud</Link>.
            </p>
          )}
          {waiting.length > 0 && (
            <p className="form-hint">
              Kan ikke bedømmes endnu (besvarelsen er ikke indlæst): {waiting.map((o) => o.bidderName).join(', ')}.
            </p>
          )}
          {m.total > 0 && (
            <p className="hit-meta">
              Evalueringskrav {(m.page - 1) * m.limit + 1}–{Math.min(m.total, m.page * m.limit)} af {m.total}
            </p>
          )}
          {scorable.length > 0 &&
            m.items.map((item) => (
              <section key={item.itemId} className="score-item" aria-labelledby={`ek-${item.itemId}`}>
                <h3 id={`ek-${item.itemId}`} className="score-item-title">
                  {item.key}
                  {item.version !== null && ` v${item.version}`}: {item.title}
                  {item.weight !== null && <span className="hit-meta"> · vægt {item.weight}</span>}
                </h3>
                <ul className="score-cells no-max-width">
                  {scorable.map((o) => (
                    <Cell
                      key={`${o.offerId}-${item.itemId}`}
                      specId={spec.id}
                      item={item}
                      offer={o}
                      cell={cellOf(o.offerId, item.itemId)}
                      scale={m.scale}
                      me={user?.id}
                    />
                  ))}
                </ul>
              </section>
            ))}
          <Pager
            page={page}
            pages={Math.ceil(m.total / m.limit)}
            onPage={(p) => setParams(p > 1 ? { side: String(p) } : {})}
            label="Sider med evalueringskrav"
          />
        </section>
      )}
    </>
  );
}

/** Evaluering: each evaluator's points per EK and offer, the differences, the consensus, the totals and the ranking. */
export default function EvaluationPage() {
  const { id = '' } = useParams();
  return (
    <FinalSpecification id={id} heading="Evaluering">
      {(spec) => <Evaluation spec={spec} />}
    </FinalSpecification>
  );
}
