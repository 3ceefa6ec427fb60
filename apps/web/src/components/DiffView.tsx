import type { ContentDiff } from '../lib/api/types';
import { FIELD_LABEL } from '../lib/format';

/** Runs of a word diff: inserted words in <ins>, deleted ones in <del>, each said so to a screen reader. */
export function DiffRuns({ runs }: { runs: ReadonlyArray<{ op: string; text: string }> }) {
  return runs.map((r, i) =>
    r.op === 'insert' ? (
      <ins key={i}>
        <span className="sr-only">[tilføjet: </span>
        {r.text}
        <span className="sr-only">]</span>
      </ins>
    ) : r.op === 'delete' ? (
      <del key={i}>
        <span className="sr-only">[slettet: </span>
        {r.text}
        <span className="sr-only">]</span>
      </del>
    ) : (
      <span key={i}>{r.text}</span>
    ),
  );
}

/** A word diff per field: inserted words underlined in green, deleted ones struck through in red (and said so to screen readers). */
export function DiffView({ diff, onlyChanged = true }: { diff: ContentDiff; onlyChanged?: boolean }) {
  const fields = Object.entries(diff).filter(([, d]) => !onlyChanged || d.changed);
  if (!fields.length) return <p>Ingen forskelle i indholdet.</p>;
  return (
    <dl className="diff">
      {fields.map(([field, d]) => (
        <div key={field} className="diff-field">
          <dt>{FIELD_LABEL[field] ?? field}</dt>
          <dd>
            <DiffRuns runs={d.runs} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
