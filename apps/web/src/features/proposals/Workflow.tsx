import { useState } from 'react';
import { Alert, Loading } from '../../components/Alert';
import { DiffView } from '../../components/DiffView';
import { FormField } from '../../components/FormField';
import { ApiError } from '../../lib/api/client';
import { mapProblem } from '../../lib/problems';
import { useProposalStep, useRebasePreview, type Proposal, type VoteDecision } from './api';
import { formProblem } from './form';
import { DECISION_LABEL } from './labels';

type Say = (text: string, error?: boolean) => void;

const OUTDATED = (e: unknown) => e instanceof ApiError && e.problem.code === 'base_version_outdated';

/** Why publishing failed when the requirement moved on, in words an editor can act on. */
function outdatedText(e: ApiError): string {
  const p = e.problem as ApiError['problem'] & { currentVersion?: number; baseVersion?: number };
  return `Forslaget kan ikke offentliggøres: det er skrevet mod version ${p.baseVersion ?? '?'}, men kravet er siden kommet i version ${p.currentVersion ?? '?'}. Flyt forslaget til den nyeste version, se hvad der er ændret nedenunder, og lad faggruppen stemme igen; derefter kan det offentliggøres.`;
}

function Vote({ p, say }: { p: Proposal; say: Say }) {
  const step = useProposalStep(p.id);
  const [decision, setDecision] = useState<VoteDecision | ''>('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = () => {
    if (!decision) return setErrors({ decision: 'Vælg, hvordan du stemmer.' });
    if (decision === 'reject' && !comment.trim()) return setErrors({ comment: 'Skriv, hvorfor du afviser forslaget.' });
    setErrors({});
    step.mutate(
      { action: 'votes', body: { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) } },
      {
        onSuccess: () => {
          say(`Din stemme er registreret: ${DECISION_LABEL[decision].toLowerCase()}.`);
          setComment('');
        },
        onError: (e) => {
          const f = formProblem(e);
          setErrors(f.fields);
          say(f.message ?? '', true);
        },
      },
    );
  };
  return (
    <form
      className="vote-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset
        className={`form-group${errors.decision ? ' form-error' : ''}`}
        aria-describedby={errors.decision ? 'vote-decision-error' : undefined}
      >
        <legend className="form-label">Din stemme</legend>
        {errors.decision && (
          <span className="form-error-message" id="vote-decision-error">
            <span className="sr-only">Fejl: </span>
            {errors.decision}
          </span>
        )}
        <ul className="nobullet-list">
          {(['approve', 'reject', 'abstain'] as VoteDecision[]).map((d) => (
            <li key={d}>
              <div className="form-group-radio">
                <input
                  type="radio"
                  className="form-radio"
                  id={`vote-${d}`}
                  name="vote"
                  checked={decision === d}
                  onChange={() => setDecision(d)}
                />
                <label htmlFor={`vote-${d}`}>{DECISION_LABEL[d]}</label>
              </div>
            </li>
          ))}
        </ul>
      </fieldset>
      <FormField
        label="Kommentar til stemmen"
        hint="Påkrævet, når du afviser."
        multiline
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        error={errors.comment}
      />
      <button type="submit" className="button button-primary" disabled={step.isPending}>
        Afgiv stemme
      </button>
    </form>
  );
}

function Reject({ p, say, done }: { p: Proposal; say: Say; done: () => void }) {
  const step = useProposalStep(p.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  return (
    <form
      className="reject-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) return setError('Skriv en begrundelse til forslagsstilleren.');
        step.mutate(
          { action: 'reject', body: { reason: reason.trim() } },
          {
            onSuccess: () => (say('Forslaget er afvist.'), done()),
            onError: (e) => setError(formProblem(e).fields.reason ?? mapProblem(e).message ?? ''),
          },
        );
      }}
    >
      <FormField label="Begrundelse for afvisningen" multiline value={reason} onChange={(e) => setReason(e.target.value)} error={error} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={step.isPending}>
          Afvis forslaget
        </button>
        <button type="button" className="button button-secondary" onClick={done}>
          Fortryd
        </button>
      </div>
    </form>
  );
}

function Rebase({ p, say, done }: { p: Proposal; say: Say; done: () => void }) {
  const preview = useRebasePreview(p.id, true);
  const step = useProposalStep(p.id);
  if (preview.isPending) return <Loading what="forskellene" />;
  if (preview.isError) return <Alert kind="error" heading={mapProblem(preview.error).message ?? ''} />;
  const r = preview.data;
  if (r.upToDate) return <Alert kind="info" heading={`Forslaget er allerede skrevet mod den nyeste version (${r.currentVersion}).`} />;
  return (
    <section aria-labelledby="rebase-heading" className="rebase">
      <h3 id="rebase-heading" className="h4">
        Flyt forslaget fra version {r.baseVersion} til version {r.currentVersion}
      </h3>
      <h4 className="h5">
        Det er ændret i {r.requirementKey} siden version {r.baseVersion}
      </h4>
      <DiffView diff={r.upstream} />
      {r.proposal && (
        <>
          <h4 className="h5">Forslaget set mod version {r.currentVersion}</h4>
          <DiffView diff={r.proposal} />
        </>
      )}
      <p>Flytningen nulstiller de afgivne stemmer: faggruppen stemmer igen om forslaget mod den nye version.</p>
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={step.isPending}
          onClick={() =>
            step.mutate(
              { action: 'rebase' },
              {
                onSuccess: () => (say(`Forslaget er flyttet til version ${r.currentVersion}.`), done()),
                onError: (e) => say(mapProblem(e).message ?? '', true),
              },
            )
          }
        >
          Flyt til version {r.currentVersion}
        </button>
        <button type="button" className="button button-secondary" onClick={done}>
          Fortryd
        </button>
      </div>
    </section>
  );
}

const SIMPLE: Array<{ action: 'submit' | 'send-to-review' | 'publish'; label: string; done: string }> = [
  { action: 'submit', label: 'Indsend forslaget', done: 'Forslaget er indsendt til kravredaktionen.' },
  { action: 'send-to-review', label: 'Send til afstemning i faggruppen', done: 'Forslaget er sendt til afstemning.' },
  { action: 'publish', label: 'Offentliggør', done: 'Forslaget er offentliggjort som en ny version.' },
];

/** Exactly the buttons the proposal's allowedActions gives this user, and the forms behind them. */
export function Actions({ p, onRevise }: { p: Proposal; onRevise: () => void }) {
  const step = useProposalStep(p.id);
  const [open, setOpen] = useState<'reject' | 'rebase' | 'withdraw' | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [outdated, setOutdated] = useState<string | null>(null);
  const say: Say = (text, error = false) => setMessage({ text, error });
  const allowed = new Set(p.allowedActions);
  if (!allowed.size && !message) return null;
  const run = (action: 'submit' | 'send-to-review' | 'publish' | 'withdraw', done: string) =>
    step.mutate(
      { action },
      {
        onSuccess: () => (say(done), setOutdated(null), setOpen(null)),
        onError: (e) =>
          OUTDATED(e) ? (setOutdated(outdatedText(e as ApiError)), setMessage(null)) : say(mapProblem(e).message ?? '', true),
      },
    );
  return (
    <section aria-labelledby="actions-heading" className="actions proposal-actions">
      <h2 id="actions-heading">Handlinger</h2>
      <div aria-live="polite">{message && <Alert kind={message.error ? 'error' : 'success'} heading={message.text} />}</div>
      {outdated && (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <p className="alert-heading">Kravet har fået en nyere version</p>
            <p className="alert-text">{outdated}</p>
          </div>
        </div>
      )}
      <div className="button-row">
        {SIMPLE.filter((s) => allowed.has(s.action)).map((s) => (
          <button
            key={s.action}
            type="button"
            className="button button-primary"
            disabled={step.isPending}
            onClick={() => run(s.action, s.done)}
          >
            {s.label}
          </button>
        ))}
        {allowed.has('revise') && (
          <button type="button" className="button button-secondary" onClick={onRevise}>
            Skriv ny revision
          </button>
        )}
        {allowed.has('rebase') && (
          <button
            type="button"
            className="button button-secondary"
            aria-expanded={open === 'rebase'}
            onClick={() => setOpen(open === 'rebase' ? null : 'rebase')}
          >
            Flyt til nyeste version
          </button>
        )}
        {allowed.has('reject') && (
          <button
            type="button"
            className="button button-secondary"
            aria-expanded={open === 'reject'}
            onClick={() => setOpen(open === 'reject' ? null : 'reject')}
          >
            Afvis med begrundelse
          </button>
        )}
        {allowed.has('withdraw') && (
          <button type="button" className="button button-secondary" aria-expanded={open === 'withdraw'} onClick={() => setOpen('withdraw')}>
            Træk forslaget tilbage
          </button>
        )}
      </div>
      {open === 'withdraw' && (
        <div className="alert alert-warning" role="alertdialog" aria-labelledby="withdraw-heading">
          <div className="alert-body">
            <p className="alert-heading" id="withdraw-heading">
              Vil du trække forslag nr. {p.number} tilbage? Det kan ikke fortrydes.
            </p>
            <div className="button-row">
              <button type="button" className="button button-primary" onClick={() => run('withdraw', 'Forslaget er trukket tilbage.')}>
                Ja, træk tilbage
              </button>
              <button type="button" className="button button-secondary" onClick={() => setOpen(null)}>
                Fortryd
              </button>
            </div>
          </div>
        </div>
      )}
      {open === 'reject' && <Reject p={p} say={say} done={() => setOpen(null)} />}
      {open === 'rebase' && <Rebase p={p} say={say} done={() => (setOpen(null), setOutdated(null))} />}
      {allowed.has('vote') && <Vote p={p} say={say} />}
    </section>
  );
}
