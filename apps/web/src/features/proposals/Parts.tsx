import { useState } from 'react';
import { Alert, Loading } from '../../components/Alert';
import { DiffView } from '../../components/DiffView';
import { FormField } from '../../components/FormField';
import { mapProblem } from '../../lib/problems';
import { useAddComment, useComments, type Content, type Proposal, type ProposalEvent, type Revision } from './api';
import { diffContent } from './diff';
import { DECISION_DONE, EVENT_LABEL, STATE_LABEL } from './labels';
import { dateTime } from '../../lib/format';

/** The states the proposal went through, from the audit trail (comments are in the hearing). */
export function Timeline({ events }: { events: ProposalEvent[] }) {
  const steps = events.filter((e) => e.action !== 'commented');
  return (
    <ol className="timeline">
      {steps.map((e, i) => (
        <li key={i}>
          <span className="timeline-when">{dateTime(e.at)}</span> <strong>{EVENT_LABEL[e.action] ?? e.action}</strong>
          {e.actorName && ` af ${e.actorName}`}
          {e.decision && ` (${DECISION_DONE[e.decision]})`}
          {e.action === 'revised' && e.revision && ` – revision ${e.revision}`}
          {e.votesCleared ? ` – ${e.votesCleared} ${e.votesCleared === 1 ? 'stemme' : 'stemmer'} nulstillet` : ''}
          {e.state && e.action !== 'voted' && <span className="timeline-state"> → {STATE_LABEL[e.state]}</span>}
        </li>
      ))}
    </ol>
  );
}

/** The tally against the quorum, and every active vote with its comment. */
export function Votes({ p }: { p: Proposal }) {
  const t = p.tally;
  return (
    <>
      <p className="tally">
        <strong>
          {t.approve} af {t.quorum} nødvendige godkendelser
        </strong>
        {t.reject > 0 && `, ${t.reject} ${t.reject === 1 ? 'afvisning' : 'afvisninger'}`}
        {t.abstain > 0 && `, ${t.abstain} undlod at stemme`}.{' '}
        {t.quorumMet
          ? 'Kravet til offentliggørelse er opfyldt.'
          : t.reject > 0
            ? 'En afvisning forhindrer offentliggørelse.'
            : 'Der mangler stemmer.'}
      </p>
      {p.votes.length > 0 ? (
        <ul className="votes">
          {p.votes.map((v) => (
            <li key={v.voter}>
              <strong>{v.voter}</strong> har {DECISION_DONE[v.decision]} revision {v.revision} ({dateTime(v.createdAt)})
              {v.comment && <blockquote>{v.comment}</blockquote>}
            </li>
          ))}
        </ul>
      ) : (
        <p>Ingen har stemt endnu.</p>
      )}
    </>
  );
}

function RevisionItem({
  r,
  previous,
  base,
  baseLabel,
  open: startOpen,
}: {
  r: Revision;
  previous: Revision | null;
  base: Content | null;
  baseLabel: string;
  open: boolean;
}) {
  const [open, setOpen] = useState(startOpen);
  return (
    <li className="revision">
      <details open={startOpen} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>
          Revision {r.revision} af {r.author}, {dateTime(r.createdAt)}
          {r.note ? ` – ${r.note}` : ''}
        </summary>
        {open && r.content && (
          <div className="revision-body">
            {previous?.content && (
              <>
                <h4 className="h5">Ændret fra revision {previous.revision}</h4>
                <DiffView diff={diffContent(previous.content, r.content)} />
              </>
            )}
            {base && (
              <>
                <h4 className="h5">Samlet ændring mod {baseLabel}</h4>
                <DiffView diff={diffContent(base, r.content)} />
              </>
            )}
          </div>
        )}
      </details>
    </li>
  );
}

/** Every revision, newest first: the word diff against the one before and against the base version. The newest is open. */
export function Revisions({ items, base, baseLabel }: { items: Revision[]; base: Content | null; baseLabel: string }) {
  const list = [...items].reverse();
  return (
    <ol className="revisions nobullet-list">
      {list.map((r, i) => (
        <RevisionItem key={r.revision} r={r} previous={list[i + 1] ?? null} base={base} baseLabel={baseLabel} open={i === 0} />
      ))}
    </ol>
  );
}

/** The hearing thread, oldest first, and a comment field for anyone who can see the proposal. */
export function Hearing({ id }: { id: string }) {
  const comments = useComments(id);
  const add = useAddComment(id);
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  return (
    <section aria-labelledby="hearing-heading" className="hearing">
      <h2 id="hearing-heading">Høring</h2>
      {comments.isPending && <Loading what="kommentarerne" />}
      {comments.isError && <Alert kind="error" heading={mapProblem(comments.error).message ?? ''} />}
      {comments.data && comments.data.items.length === 0 && <p>Ingen kommentarer endnu.</p>}
      {comments.data && comments.data.total > comments.data.items.length && (
        <p>
          Viser de første {comments.data.items.length} af {comments.data.total} kommentarer.
        </p>
      )}
      <ol className="comments nobullet-list">
        {comments.data?.items.map((c) => (
          <li key={c.id} className="comment">
            <p className="comment-meta">
              <strong>{c.authorName}</strong> ({c.organisation}), {dateTime(c.createdAt)}
            </p>
            <p className="comment-text">{c.text}</p>
          </li>
        ))}
      </ol>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return setError('Skriv en kommentar.');
          add.mutate(text, {
            onSuccess: () => (setText(''), setError(undefined)),
            onError: (err) => setError(mapProblem(err).message ?? ''),
          });
        }}
      >
        <FormField label="Din kommentar" multiline value={text} onChange={(e) => setText(e.target.value)} error={error} />
        <button type="submit" className="button button-secondary" disabled={add.isPending}>
          Tilføj kommentar
        </button>
      </form>
    </section>
  );
}
