import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import { DiffView } from '../../components/DiffView';
import { FormField } from '../../components/FormField';
import { CATEGORY_LABEL, dateTime } from '../../lib/format';
import { mapProblem } from '../../lib/problems';
import { useSession } from '../../lib/session';
import {
  useHistory,
  useProposal,
  useProposalStep,
  useRequirement,
  useRevisions,
  useVersion,
  type Content,
  type Proposal,
  type ProposalEvent,
} from './api';
import { cleanContent, ContentForm } from './ContentForm';
import { contentOf, diffContent } from './diff';
import { fieldNames, formProblem, type FormProblem } from './form';
import { CHANGE_TYPE_LABEL, KIND_LABEL, proposalTitle, STATE_BADGE, STATE_LABEL } from './labels';
import { Hearing, Revisions, Timeline, Votes } from './Parts';
import { Actions } from './Workflow';

function ReviseForm({ p, done }: { p: Proposal; done: (text: string) => void }) {
  const step = useProposalStep(p.id);
  const [content, setContent] = useState<Content>(p.content!);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<FormProblem>({ fields: {}, message: null });
  const votes = p.votes.length;
  return (
    <form
      className="revise-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        step.mutate(
          {
            action: 'revise',
            body: { content: cleanContent(content), baseRevision: p.revision, ...(note.trim() ? { note: note.trim() } : {}) },
          },
          {
            onSuccess: (np) =>
              done(`Revision ${np.revision} er gemt.${votes ? ` ${votesCleared(votes)} Faggruppen skal stemme igen.` : ''}`),
            onError: (err) => setProblem(formProblem(err)),
          },
        );
      }}
    >
      <h2 id="revise-heading">Ny revision</h2>
      {votes > 0 && (
        <Alert kind="warning" heading={`En ny revision nulstiller ${votes === 1 ? 'den afgivne stemme' : `de ${votes} afgivne stemmer`}.`}>
          <p>Faggruppen skal stemme igen om den nye tekst.</p>
        </Alert>
      )}
      {problem.message && (
        <Alert kind="error" heading={problem.message}>
          {Object.keys(problem.fields).length > 0 && (
            <ul>
              {fieldNames(problem.fields).map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <ContentForm value={content} onChange={setContent} errors={problem.fields} />
      <FormField
        label="Hvad er ændret og hvorfor (valgfri)"
        multiline
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={problem.fields.note}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={step.isPending}>
          Gem revisionen
        </button>
        <button type="button" className="button button-secondary" onClick={() => done('')}>
          Fortryd
        </button>
      </div>
    </form>
  );
}

const votesCleared = (n: number) => (n === 1 ? 'Den afgivne stemme er nulstillet.' : `De ${n} afgivne stemmer er nulstillet.`);

/** The last revision or rebase that cleared votes, while the proposal is still being voted on. */
function clearedNotice(p: Proposal, events: ProposalEvent[] | undefined): string | null {
  if (!events || !['in_review', 'approved'].includes(p.state)) return null;
  const last = [...events].reverse().find((e) => e.action === 'revised' || e.action === 'rebased');
  if (!last?.votesCleared) return null;
  const what =
    last.action === 'revised' ? `Revision ${last.revision} ændrede teksten` : 'Forslaget blev flyttet til en nyere version af kravet';
  return `${what} ${dateTime(last.at)}. ${votesCleared(last.votesCleared)} Faggruppen skal stemme igen.`;
}

function Notices({ p, events }: { p: Proposal; events: ProposalEvent[] | undefined }) {
  const [params] = useSearchParams();
  const created = params.get('oprettet');
  const cleared = clearedNotice(p, events);
  // The editor learns of a stale base before publishing, not only from the refusal.
  const req = useRequirement(p.requirementKey && p.allowedActions.includes('rebase') ? p.requirementKey : undefined);
  const stale = req.data && p.baseVersion && req.data.currentVersion > p.baseVersion ? req.data.currentVersion : null;
  return (
    <>
      {created && (
        <Alert
          kind="success"
          heading={
            created === 'indsendt'
              ? 'Forslaget er oprettet og indsendt til kravredaktionen.'
              : 'Forslaget er gemt som kladde. Kun du kan se det, indtil du indsender det.'
          }
        />
      )}
      {p.state === 'published' && p.requirementKey && (
        <Alert
          kind="success"
          heading={`Offentliggjort ${p.publishedAt ? dateTime(p.publishedAt) : ''} som version ${p.publishedVersion} af ${p.requirementKey}.`}
        >
          <p>
            <Link
              to={`/krav/${p.requirementKey}${p.baseVersion && p.kind === 'amend' ? `?fra=${p.baseVersion}&til=${p.publishedVersion}` : ''}`}
            >
              Se {p.requirementKey} version {p.publishedVersion}
            </Link>
          </p>
        </Alert>
      )}
      {p.state === 'rejected' && (
        <Alert kind="warning" heading="Forslaget er afvist.">
          <p>Begrundelse: {p.rejectionReason}</p>
        </Alert>
      )}
      {p.state === 'withdrawn' && <Alert kind="info" heading="Forslagsstilleren har trukket forslaget tilbage." />}
      {stale && (
        <Alert kind="warning" heading="Forslaget er skrevet mod en ældre version af kravet">
          <p>
            {p.requirementKey} er kommet i version {stale}, siden forslaget blev skrevet mod version {p.baseVersion}. Flyt forslaget til den
            nyeste version, før det offentliggøres.
          </p>
        </Alert>
      )}
      {cleared && (
        <Alert kind="warning" heading="Stemmerne er nulstillet">
          <p>{cleared}</p>
        </Alert>
      )}
    </>
  );
}

function Facts({ p }: { p: Proposal }) {
  return (
    <dl className="fields">
      <dt>Art</dt>
      <dd>{KIND_LABEL[p.kind]}</dd>
      {p.requirementKey && (
        <>
          <dt>Krav</dt>
          <dd>
            <Link to={`/krav/${p.requirementKey}`}>{p.requirementKey}</Link>
            {p.baseVersion && p.state !== 'published' ? `, skrevet mod version ${p.baseVersion}` : ''}
          </dd>
        </>
      )}
      {p.category && (
        <>
          <dt>Kategori</dt>
          <dd>{CATEGORY_LABEL[p.category]}</dd>
        </>
      )}
      <dt>Ændringstype</dt>
      <dd>{CHANGE_TYPE_LABEL[p.changeType]}</dd>
      <dt>Forslagsstiller</dt>
      <dd>
        {p.proposer.displayName} ({p.proposer.organisation}), {dateTime(p.createdAt)}
      </dd>
      <dt>{p.kind === 'retire' ? 'Begrundelse' : 'Motivation'}</dt>
      <dd className="prewrap">{p.motivation}</dd>
      {p.triggeringLegalSource && (
        <>
          <dt>Udløsende retskilde</dt>
          <dd>
            <Link to={`/retskilder/${p.triggeringLegalSource}`}>{p.triggeringLegalSource}</Link>
          </dd>
        </>
      )}
      <dt>Revision</dt>
      <dd>{p.revision}</dd>
    </dl>
  );
}

/** Why a committee member sees no vote buttons, when that is four eyes rather than the state. */
function FourEyes({ p }: { p: Proposal }) {
  const { data: user } = useSession();
  if (!user?.roles.includes('committee') || !['in_review', 'approved'].includes(p.state) || p.allowedActions.includes('vote')) return null;
  const why =
    p.proposer.username === user.username
      ? 'du har stillet forslaget'
      : p.contentAuthors.includes(user.username)
        ? 'du har skrevet en revision af det'
        : null;
  if (!why) return null;
  return <Alert kind="info" heading={`Du kan ikke stemme om dette forslag, fordi ${why} (fire øjne-princippet).`} />;
}

/** Forslag: the proposal, what it changes, its votes, the buttons its allowedActions gives, its revisions, history and hearing. */
export default function ProposalPage() {
  const { id = '' } = useParams();
  const q = useProposal(id);
  const p = q.data;
  const revisions = useRevisions(id);
  const history = useHistory(id);
  const baseVersion = useVersion(p && p.kind !== 'create' ? p.requirementKey : null, p && p.kind !== 'create' ? p.baseVersion : null);
  const base = useMemo(() => (baseVersion.data ? contentOf(baseVersion.data) : null), [baseVersion.data]);
  const [revising, setRevising] = useState(false);
  const [said, setSaid] = useState('');
  if (q.isPending) return <Loading what="forslaget" />;
  if (q.isError)
    return (
      <>
        <h1 tabIndex={-1}>Forslaget blev ikke fundet</h1>
        <Alert kind="error" heading={mapProblem(q.error).message ?? ''} />
      </>
    );
  const proposal = q.data;
  return (
    <article className="proposal">
      <p className="breadcrumb-line">
        <Link to="/forslag">Ændringsforslag</Link> › Nr. {proposal.number}
      </p>
      <h1 tabIndex={-1}>{proposalTitle(proposal)}</h1>
      <p>
        <span className={`badge ${STATE_BADGE[proposal.state]} state-badge`}>{STATE_LABEL[proposal.state]}</span>
      </p>
      <Notices p={proposal} events={history.data?.items} />
      <Facts p={proposal} />
      <Change p={proposal} base={base} />
      {['in_review', 'approved', 'published', 'rejected'].includes(proposal.state) && (
        <section aria-labelledby="votes-heading">
          <h2 id="votes-heading">Afstemning</h2>
          <Votes p={proposal} />
          <FourEyes p={proposal} />
        </section>
      )}
      <div aria-live="polite">{said && <Alert kind="success" heading={said} />}</div>
      {revising ? (
        <ReviseForm p={proposal} done={(text) => (setRevising(false), setSaid(text))} />
      ) : (
        <Actions p={proposal} onRevise={() => (setRevising(true), setSaid(''))} />
      )}
      {proposal.kind !== 'retire' && (
        <section aria-labelledby="revisions-heading">
          <h2 id="revisions-heading">Revisioner</h2>
          {revisions.isPending && <Loading what="revisionerne" />}
          {revisions.data && <Revisions items={revisions.data.items} base={base} baseLabel={`version ${proposal.baseVersion}`} />}
        </section>
      )}
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Forløb</h2>
        {history.isPending && <Loading what="forløbet" />}
        {history.data && <Timeline events={history.data.items} />}
      </section>
      <Hearing id={proposal.id} />
    </article>
  );
}

/** What the proposal changes now: the current revision against the base version (or the new requirement's text, or the version to retire). */
function Change({ p, base }: { p: Proposal; base: Content | null }) {
  let body: React.ReactNode;
  if (p.kind === 'retire') body = base ? <DiffView diff={diffContent(base, base)} onlyChanged={false} /> : <Loading what="kravet" />;
  else if (p.kind === 'create') body = <DiffView diff={diffContent(p.content!, p.content!)} onlyChanged={false} />;
  else body = base ? <DiffView diff={diffContent(base, p.content!)} /> : <Loading what="forskellene" />;
  const heading =
    p.kind === 'retire'
      ? `Det krav, der foreslås udfaset (version ${p.baseVersion})`
      : p.kind === 'create'
        ? 'Det nye krav'
        : `Ændringen mod version ${p.baseVersion}`;
  return (
    <section aria-labelledby="change-heading" className="change">
      <h2 id="change-heading">{heading}</h2>
      {body}
    </section>
  );
}
