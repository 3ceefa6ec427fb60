import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import { DiffView } from '../../components/DiffView';
import { FieldGroup, FormField } from '../../components/FormField';
import { CATEGORY_LABEL } from '../../lib/format';
import { useCreateProposal, useLegalSources, useRequirement, type ChangeType, type Content, type ProposalKind, type Schemas } from './api';
import { cleanContent, ContentForm, EMPTY_CONTENT } from './ContentForm';
import { contentOf, diffContent } from './diff';
import { fieldNames, formProblem, type FormProblem } from './form';
import { CHANGE_TYPE_HINT, CHANGE_TYPE_LABEL } from './labels';

interface Draft {
  changeType: ChangeType | '';
  motivation: string;
  triggeringLegalSource: string;
  category: Schemas['Category'] | '';
  content: Content;
}

const KINDS: ProposalKind[] = ['amend', 'create', 'retire'];
/** The form's state; "Gem som kladde" keeps it on the server as a draft proposal only its proposer sees. */
function useDraft(initial: Draft | null) {
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (!draft && initial) setDraft(initial);
  }, [draft, initial]);
  return { draft, update: setDraft };
}

function ChangeTypeField({ value, onChange, error }: { value: string; onChange: (v: ChangeType) => void; error?: string }) {
  const id = useId();
  return (
    <fieldset className={`form-group${error ? ' form-error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="form-label">Ændringstype</legend>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      <ul className="nobullet-list">
        {(Object.keys(CHANGE_TYPE_LABEL) as ChangeType[]).map((t) => (
          <li key={t}>
            <div className="form-group-radio">
              <input
                type="radio"
                className="form-radio"
                id={`${id}-${t}`}
                name={`${id}-type`}
                checked={value === t}
                onChange={() => onChange(t)}
                aria-describedby={`${id}-${t}-hint`}
              />
              <label htmlFor={`${id}-${t}`}>{CHANGE_TYPE_LABEL[t]}</label>
              <p className="form-hint" id={`${id}-${t}-hint`}>
                {CHANGE_TYPE_HINT[t]}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function SelectField({
  label,
  value,
  onChange,
  options,
  error,
  hint,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: Array<[string, string]>;
  error?: string;
  hint?: string;
}) {
  return (
    <FieldGroup label={label} hint={hint} error={error}>
      {(id, described) => (
        <select id={id} className="form-select" value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={described}>
          {options.map(([v, t]) => (
            <option key={v} value={v}>
              {t}
            </option>
          ))}
        </select>
      )}
    </FieldGroup>
  );
}

/** Nyt forslag: amend (prefilled from the current version, with a live word diff), create, or retire a requirement. */
export default function NewProposalPage() {
  const [params] = useSearchParams();
  const kind = (KINDS.find((k) => k === params.get('art')) ?? 'amend') as ProposalKind;
  const reqKey = kind === 'create' ? null : (params.get('krav')?.toUpperCase() ?? null);
  const req = useRequirement(reqKey ?? undefined);
  const base = useMemo(() => (req.data ? contentOf(req.data.current) : null), [req.data]);
  const initial = useMemo<Draft | null>(
    () =>
      kind === 'create' || base
        ? { changeType: '', motivation: '', triggeringLegalSource: '', category: '', content: base ?? EMPTY_CONTENT }
        : null,
    [kind, base],
  );
  const { draft, update } = useDraft(initial);
  const heading =
    kind === 'create'
      ? 'Nyt forslag: nyt krav'
      : kind === 'amend'
        ? `Foreslå ændring af ${reqKey ?? ''}`
        : `Foreslå at udfase ${reqKey ?? ''}`;

  if (kind !== 'create' && !reqKey)
    return (
      <>
        <h1 tabIndex={-1}>Nyt forslag</h1>
        <p>
          Åbn det krav, du vil ændre eller udfase, og vælg <strong>Foreslå ændring</strong> der. Eller{' '}
          <Link to="/forslag/nyt?art=create">foreslå et nyt krav</Link>.
        </p>
      </>
    );
  if (kind !== 'create' && req.isPending) return <Loading what="kravet" />;
  if (kind !== 'create' && req.isError)
    return (
      <>
        <h1 tabIndex={-1}>{heading}</h1>
        <Alert kind="error" heading={`Kravet ${reqKey} blev ikke fundet.`} />
      </>
    );
  if (!draft) return <Loading what="formularen" />;
  return (
    <>
      <p className="breadcrumb-line">
        <Link to="/forslag">Ændringsforslag</Link> › Nyt forslag
      </p>
      <h1 tabIndex={-1}>{heading}</h1>
      {req.data && (
        <p>
          Forslaget skrives mod version {req.data.currentVersion} af {req.data.key} {req.data.current.title}.
        </p>
      )}
      <ProposalForm
        kind={kind}
        reqKey={reqKey}
        baseVersion={req.data?.currentVersion ?? null}
        base={base}
        draft={draft}
        onChange={update}
      />
    </>
  );
}

function ProposalForm({
  kind,
  reqKey,
  baseVersion,
  base,
  draft,
  onChange,
}: {
  kind: ProposalKind;
  reqKey: string | null;
  baseVersion: number | null;
  base: Content | null;
  draft: Draft;
  onChange: (d: Draft) => void;
}) {
  const create = useCreateProposal();
  const navigate = useNavigate();
  const sources = useLegalSources();
  const [problem, setProblem] = useState<FormProblem>({ fields: {}, message: null });
  const content = cleanContent(draft.content);
  const diff = useMemo(
    () => (base && kind === 'amend' ? diffContent(base, cleanContent(draft.content)) : null),
    [base, kind, draft.content],
  );
  const send = (submit: boolean) => {
    const body: Schemas['CreateProposalDto'] = {
      kind,
      changeType: (draft.changeType || undefined) as ChangeType,
      motivation: draft.motivation,
      ...(draft.triggeringLegalSource ? { triggeringLegalSource: draft.triggeringLegalSource } : {}),
      ...(kind === 'create' ? { category: (draft.category || undefined) as Schemas['Category'], content } : {}),
      ...(kind === 'amend' ? { content } : {}),
      ...(kind !== 'create' ? { requirementKey: reqKey!, baseVersion: baseVersion! } : {}),
    };
    const missing: Record<string, string> = {};
    if (!draft.changeType) missing.changeType = 'Vælg en ændringstype.';
    if (!draft.motivation.trim())
      missing.motivation = kind === 'retire' ? 'Skriv, hvorfor kravet skal udfases.' : 'Skriv, hvorfor ændringen er nødvendig.';
    if (kind === 'create' && !draft.category) missing.category = 'Vælg en kategori.';
    if (Object.keys(missing).length) return setProblem({ fields: missing, message: 'Ret de markerede felter.' });
    setProblem({ fields: {}, message: null });
    create.mutate(
      { body, submit },
      {
        onSuccess: (p) => {
          void navigate(`/forslag/${p.id}?oprettet=${submit ? 'indsendt' : 'kladde'}`);
        },
        onError: (e) => setProblem(formProblem(e)),
      },
    );
  };
  const f = problem.fields;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        send(true);
      }}
    >
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
      <ChangeTypeField value={draft.changeType} onChange={(changeType) => onChange({ ...draft, changeType })} error={f.changeType} />
      <FormField
        label={kind === 'retire' ? 'Begrundelse for udfasningen' : 'Motivation'}
        hint={kind === 'retire' ? 'Hvorfor skal kravet ikke længere bruges?' : 'Hvorfor er ændringen nødvendig? Hvad har I oplevet?'}
        multiline
        value={draft.motivation}
        onChange={(e) => onChange({ ...draft, motivation: e.target.value })}
        error={f.motivation}
      />
      <SelectField
        label="Udløsende retskilde (valgfri)"
        hint="Den lov eller standard, hvis ændring er årsag til forslaget."
        value={draft.triggeringLegalSource}
        onChange={(triggeringLegalSource) => onChange({ ...draft, triggeringLegalSource })}
        options={[['', 'Ingen'], ...(sources.data?.items ?? []).map((s): [string, string] => [s.id, s.title])]}
        error={f.triggeringLegalSource}
      />
      {kind === 'create' && (
        <SelectField
          label="Kategori"
          value={draft.category}
          onChange={(category) => onChange({ ...draft, category: category as Draft['category'] })}
          options={[['', 'Vælg kategori'], ...Object.entries(CATEGORY_LABEL)]}
          error={f.category}
        />
      )}
      {kind !== 'retire' && (
        <div className={diff ? 'edit-with-diff' : undefined}>
          <div>
            <h2 className="h3">Kravets indhold</h2>
            <ContentForm value={draft.content} onChange={(c) => onChange({ ...draft, content: c })} errors={f} />
          </div>
          {diff && (
            <section aria-labelledby="live-diff" className="diff-result live-diff" tabIndex={0}>
              <h2 id="live-diff" className="h3">
                Det ændrer du i version {baseVersion}
              </h2>
              <div aria-live="polite">
                <DiffView diff={diff} />
              </div>
            </section>
          )}
        </div>
      )}
      <p className="form-hint">Gem som kladde, hvis du vil arbejde videre senere: kun du kan se kladden, indtil du indsender den.</p>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Indsend forslaget
        </button>
        <button type="button" className="button button-secondary" disabled={create.isPending} onClick={() => send(false)}>
          Gem som kladde
        </button>
      </div>
    </form>
  );
}
