import { useState, type FormEvent } from 'react';
import { Alert } from '../../components/Alert';
import { FormField } from '../../components/FormField';
import { mapProblem, type MappedProblem } from '../../lib/problems';
import { useSpecMutation } from './api';
import { saveSettings, useSpecificationSettings, type SettingsChange, type SpecificationWithSettings } from './annex-api';
import './annex.css';

type AnnexText = 'number' | 'title' | 'contractStatus' | 'reservationsClause' | 'instruction';
type EvaluationText = 'subCriterion' | 'method';

/** The form's values: text as typed. */
interface Draft {
  annex: Record<AnnexText, string>;
  evaluation: Record<EvaluationText | 'scaleMin' | 'scaleMax', string>;
  scale: Array<{ points: string; meaning: string }>;
  sections: string;
}

const ANNEX_FIELDS: Array<[AnnexText, string, boolean]> = [
  ['number', 'Bilagsnummer', false],
  ['title', 'Bilagets titel', false],
  ['contractStatus', 'Bilagets status i kontrakten', true],
  ['reservationsClause', 'Forbehold', true],
  ['instruction', 'Instruktion til tilbudsgiver (fjernes ved kontraktindgåelse)', true],
];

function draftOf(s: SpecificationWithSettings): Draft {
  const { annex, evaluation } = s;
  return {
    annex: { ...annex },
    evaluation: {
      subCriterion: evaluation.subCriterion,
      method: evaluation.method,
      scaleMin: String(evaluation.scaleMin),
      scaleMax: String(evaluation.scaleMax),
    },
    scale: evaluation.scaleMeaning.map((m) => ({ points: String(m.points), meaning: m.meaning })),
    sections: s.sections.join('\n'),
  };
}

const whole = (v: string) => (v.trim() === '' ? null : Number(v));

/** What changed against the stored settings; an emptied field goes back to its default (null). */
function changeOf(d: Draft, s: SpecificationWithSettings): SettingsChange {
  const annex: Record<string, string | null> = {};
  for (const [key] of ANNEX_FIELDS) if (d.annex[key].trim() !== s.annex[key]) annex[key] = d.annex[key].trim() || null;
  const evaluation: NonNullable<SettingsChange['evaluation']> = {};
  for (const key of ['subCriterion', 'method'] as const)
    if (d.evaluation[key].trim() !== s.evaluation[key]) evaluation[key] = d.evaluation[key].trim() || null;
  for (const key of ['scaleMin', 'scaleMax'] as const)
    if (whole(d.evaluation[key]) !== s.evaluation[key]) evaluation[key] = whole(d.evaluation[key]) as number | null;
  const scale = d.scale.map((m) => ({ points: whole(m.points) as number, meaning: m.meaning.trim() }));
  if (JSON.stringify(scale) !== JSON.stringify(s.evaluation.scaleMeaning)) evaluation.scaleMeaning = scale.length ? scale : null;
  const sections = d.sections
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const change: SettingsChange = {};
  if (Object.keys(annex).length) change.annex = annex;
  if (Object.keys(evaluation).length) change.evaluation = evaluation;
  if (JSON.stringify(sections) !== JSON.stringify(s.sections)) change.sections = sections;
  return change;
}

const DEFAULT_HINT = 'Standardtekst. Ret den, hvis jeres udbud kræver det.';

function ScaleRows({ draft, set, problem }: { draft: Draft; set: (d: Draft) => void; problem: MappedProblem | null }) {
  const row = (i: number, patch: Partial<Draft['scale'][number]>) =>
    set({ ...draft, scale: draft.scale.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  return (
    <fieldset>
      <legend className="form-label">Hvad pointene betyder</legend>
      {draft.scale.map((m, i) => (
        <div className="scale-row" key={i}>
          <FormField
            label={`Point (trin ${i + 1})`}
            className="input-points"
            type="number"
            inputMode="numeric"
            value={m.points}
            onChange={(e) => row(i, { points: e.target.value })}
            error={problem?.paths[`evaluation.scaleMeaning.${i}.points`]}
          />
          <div className="meaning">
            <FormField
              label={`Betydning (trin ${i + 1})`}
              value={m.meaning}
              onChange={(e) => row(i, { meaning: e.target.value })}
              error={problem?.paths[`evaluation.scaleMeaning.${i}.meaning`]}
            />
          </div>
          <button
            type="button"
            className="button button-tertiary"
            onClick={() => set({ ...draft, scale: draft.scale.filter((_, j) => j !== i) })}
          >
            Fjern trin {i + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => set({ ...draft, scale: [...draft.scale, { points: '', meaning: '' }] })}
      >
        Tilføj et trin
      </button>
    </fieldset>
  );
}

function EvaluationFields({ draft, set, spec, problem }: FieldsProps) {
  const ev = (key: keyof Draft['evaluation'], value: string) => set({ ...draft, evaluation: { ...draft.evaluation, [key]: value } });
  const hint = (key: string) => (spec.defaultFields.includes(`evaluation.${key}`) ? DEFAULT_HINT : undefined);
  return (
    <fieldset>
      <legend className="h4">Evalueringsmodel</legend>
      <FormField
        label="Underkriterium, som evalueringskravene indgår i"
        hint={hint('subCriterion')}
        value={draft.evaluation.subCriterion}
        onChange={(e) => ev('subCriterion', e.target.value)}
        error={problem?.paths['evaluation.subCriterion']}
      />
      <div className="scale-row">
        {(['scaleMin', 'scaleMax'] as const).map((key) => (
          <FormField
            key={key}
            label={key === 'scaleMin' ? 'Laveste point' : 'Højeste point'}
            className="input-points"
            type="number"
            inputMode="numeric"
            value={draft.evaluation[key]}
            onChange={(e) => ev(key, e.target.value)}
            error={problem?.paths[`evaluation.${key}`]}
          />
        ))}
      </div>
      <ScaleRows draft={draft} set={set} problem={problem} />
      <FormField
        label="Sådan lægges point og vægte sammen"
        hint={hint('method')}
        multiline
        value={draft.evaluation.method}
        onChange={(e) => ev('method', e.target.value)}
        error={problem?.paths['evaluation.method']}
      />
    </fieldset>
  );
}

interface FieldsProps {
  draft: Draft;
  set: (d: Draft) => void;
  spec: SpecificationWithSettings;
  problem: MappedProblem | null;
}

function AnnexFields({ draft, set, spec, problem }: FieldsProps) {
  return (
    <fieldset>
      <legend className="h4">Bilagets forside</legend>
      {ANNEX_FIELDS.map(([key, label, multiline]) => (
        <FormField
          key={key}
          label={label}
          hint={spec.defaultFields.includes(`annex.${key}`) ? DEFAULT_HINT : undefined}
          multiline={multiline}
          value={draft.annex[key]}
          onChange={(e) => set({ ...draft, annex: { ...draft.annex, [key]: e.target.value } })}
          error={problem?.paths[`annex.${key}`]}
        />
      ))}
    </fieldset>
  );
}

function SettingsForm({ spec, onMessage }: { spec: SpecificationWithSettings; onMessage: (m: string, error?: boolean) => void }) {
  const [draft, setDraft] = useState(() => draftOf(spec));
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const save = useSpecMutation(spec.id, (body: SettingsChange) => saveSettings(spec.id, body));
  const send = (body: SettingsChange, done: string) => {
    setProblem(null);
    if (!Object.keys(body).length) return onMessage('Der er ingen ændringer at gemme.');
    save.mutate(body, {
      // The form shows what was stored: an emptied field shows its default again.
      onSuccess: (saved) => {
        setDraft(draftOf(saved as SpecificationWithSettings));
        onMessage(done);
      },
      onError: (e) => setProblem(mapProblem(e)),
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(changeOf(draft, spec), 'Bilagets indstillinger er gemt.');
  };
  return (
    <form onSubmit={submit} noValidate>
      {problem?.message && <Alert kind="error" heading={problem.message} />}
      <AnnexFields draft={draft} set={setDraft} spec={spec} problem={problem} />
      <EvaluationFields draft={draft} set={setDraft} spec={spec} problem={problem} />
      <fieldset>
        <legend className="h4">Afsnit</legend>
        <FormField
          label="Afsnit i kravspecifikationen (ét pr. linje)"
          hint="Kontrollen advarer om et afsnit uden krav. Et krav kommer i et afsnit, når du skriver afsnittets navn ud for kravet."
          multiline
          value={draft.sections}
          onChange={(e) => setDraft({ ...draft, sections: e.target.value })}
          error={problem?.paths.sections ?? Object.entries(problem?.paths ?? {}).find(([k]) => k.startsWith('sections.'))?.[1]}
        />
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Gem indstillinger
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={save.isPending}
          onClick={() => send({ evaluation: null, annex: null }, 'Standardteksterne er sat ind igen.')}
        >
          Brug standardteksterne
        </button>
      </div>
    </form>
  );
}

/** The annex's front matter, the evaluation model and the sections, with the Danish defaults a procurer may keep. */
export function AnnexSettings({ id, onMessage }: { id: string; onMessage: (m: string, error?: boolean) => void }) {
  const spec = useSpecificationSettings(id);
  if (!spec.data) return null;
  const s = spec.data;
  return (
    <details className="details annex-settings">
      <summary className="details-summary">Bilagets forside, evalueringsmodel og afsnit</summary>
      <div className="details-text">
        {s.status === 'final' ? (
          <p>
            Bilag {s.annex.number}: {s.annex.title}. Evalueringskravene indgår i underkriteriet »{s.evaluation.subCriterion}« med point fra{' '}
            {s.evaluation.scaleMin} til {s.evaluation.scaleMax}. Revisionen er afsluttet; start en ny revision for at ændre det.
          </p>
        ) : (
          <SettingsForm spec={s} onMessage={onMessage} />
        )}
      </div>
    </details>
  );
}
