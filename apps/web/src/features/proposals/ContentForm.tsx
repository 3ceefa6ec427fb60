import { useId } from 'react';
import { FormField } from '../../components/FormField';
import { OBLIGATION_LABEL } from '../../lib/format';
import { useLegalSources, type Content } from './api';

export const LEVEL_LABEL: Record<number, string> = { 1: '1 – basis', 2: '2 – betydelig', 3: '3 – høj' };

export const EMPTY_CONTENT: Content = {
  title: '',
  statement: '',
  rationale: '',
  guidance: '',
  verification: '',
  level: 1,
  obligation: 'minimum',
  tags: [],
  legalSources: [],
};

interface Props {
  value: Content;
  onChange: (c: Content) => void;
  /** Field errors by path (`content.title`, `content.legalSources.0.id`). */
  errors: Record<string, string>;
  prefix?: string;
}

function Select({
  label,
  value,
  options,
  onChange,
  error,
}: {
  label: string;
  value: string;
  options: Array<[string, string]>;
  onChange: (v: string) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      <select
        id={id}
        className="form-select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function LegalSources({ value, onChange, errors, prefix }: Props & { prefix: string }) {
  const register = useLegalSources();
  const sources = register.data?.items ?? [];
  const list = value.legalSources;
  const set = (i: number, patch: Partial<Content['legalSources'][number]>) =>
    onChange({ ...value, legalSources: list.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  return (
    <fieldset className="legal-sources">
      <legend className="h4">Retskilder</legend>
      <p className="form-hint">Vælg retskilderne fra registret, og angiv afsnit, artikel eller kontrol, hvor det giver mening.</p>
      {errors[`${prefix}legalSources`] && <span className="form-error-message">{errors[`${prefix}legalSources`]}</span>}
      <ol className="source-rows">
        {list.map((s, i) => (
          <li key={i} className="source-row">
            <Select
              label={`Retskilde ${i + 1}`}
              value={s.id}
              onChange={(id) => set(i, { id })}
              error={errors[`${prefix}legalSources.${i}.id`]}
              options={[['', 'Vælg retskilde'], ...sources.map((r): [string, string] => [r.id, r.title])]}
            />
            <FormField
              label={`Afsnit for retskilde ${i + 1}`}
              value={s.section ?? ''}
              onChange={(e) => set(i, { section: e.target.value || null })}
              error={errors[`${prefix}legalSources.${i}.section`]}
            />
            <button
              type="button"
              className="button button-tertiary"
              onClick={() => onChange({ ...value, legalSources: list.filter((_, j) => j !== i) })}
            >
              Fjern retskilde {i + 1}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => onChange({ ...value, legalSources: [...list, { id: '', section: null }] })}
      >
        Tilføj retskilde
      </button>
    </fieldset>
  );
}

/** Every content field of a requirement version, in DKFDS form groups, with errors next to their fields. */
export function ContentForm({ value, onChange, errors, prefix = 'content.' }: Props) {
  const text = (
    field: 'title' | 'statement' | 'rationale' | 'guidance' | 'verification',
    label: string,
    multiline = true,
    hint?: string,
  ) => (
    <FormField
      label={label}
      hint={hint}
      multiline={multiline}
      name={field}
      value={value[field]}
      onChange={(e) => onChange({ ...value, [field]: e.target.value })}
      error={errors[`${prefix}${field}`]}
    />
  );
  return (
    <div className="content-form">
      {text('title', 'Titel', false)}
      {text('statement', 'Kravtekst', true, 'Den normative tekst, leverandøren skal opfylde ("Leverandøren skal …").')}
      {text('rationale', 'Begrundelse')}
      {text('guidance', 'Vejledning')}
      {text('verification', 'Verifikation')}
      <div className="form-row">
        <Select
          label="Niveau"
          value={String(value.level)}
          onChange={(v) => onChange({ ...value, level: Number(v) as Content['level'] })}
          error={errors[`${prefix}level`]}
          options={Object.entries(LEVEL_LABEL)}
        />
        <Select
          label="Foreslået kravtype"
          value={value.obligation}
          onChange={(v) => onChange({ ...value, obligation: v as Content['obligation'] })}
          error={errors[`${prefix}obligation`]}
          options={Object.entries(OBLIGATION_LABEL)}
        />
      </div>
      <FormField
        label="Emneord"
        hint="Adskil med komma, fx logning, sporbarhed."
        value={value.tags.join(', ')}
        onChange={(e) => onChange({ ...value, tags: e.target.value.split(',').map((t) => t.trimStart()) })}
        error={errors[`${prefix}tags`] ?? Object.entries(errors).find(([k]) => k.startsWith(`${prefix}tags.`))?.[1]}
      />
      <LegalSources value={value} onChange={onChange} errors={errors} prefix={prefix} />
    </div>
  );
}

/** What is sent: tags trimmed and without empties, sections trimmed. */
export function cleanContent(c: Content): Content {
  return {
    ...c,
    tags: c.tags.map((t) => t.trim()).filter(Boolean),
    legalSources: c.legalSources.map((s) => (s.section?.trim() ? { id: s.id, section: s.section.trim() } : { id: s.id })),
  };
}
