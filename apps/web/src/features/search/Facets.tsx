import { useState } from 'react';
import type { FacetCount, SearchResult } from '../../lib/api/types';
import { CATEGORY_LABEL } from '../../lib/format';
import type { SearchState } from './api';

const FEW = 8;

type FacetName = 'category' | 'level' | 'tag' | 'legalSource';

const LEGEND: Record<FacetName, string> = { category: 'Kategori', level: 'Niveau', tag: 'Emneord', legalSource: 'Retskilde' };

const labelOf = (facet: FacetName, f: FacetCount): string =>
  facet === 'category'
    ? (CATEGORY_LABEL[f.value as keyof typeof CATEGORY_LABEL] ?? String(f.value))
    : facet === 'level'
      ? `Niveau ${f.value}`
      : facet === 'legalSource'
        ? (f.title ?? String(f.value))
        : String(f.value);

/** Facets as DKFDS checkboxes with counts; a chosen value stays visible even when its count is 0. */
export function Facets({
  state,
  facets,
  onToggle,
}: {
  state: SearchState;
  facets: SearchResult['facets'] | undefined;
  onToggle: (facet: FacetName, value: string) => void;
}) {
  const [open, setOpen] = useState<Record<string, boolean>>({});
  return (
    <div className="facets">
      {(Object.keys(LEGEND) as FacetName[]).map((facet) => {
        const values: FacetCount[] = [...(facets?.[facet] ?? [])];
        const chosen = state[facet].map(String);
        for (const c of chosen) if (!values.some((v) => String(v.value) === c)) values.push({ value: c, count: 0 });
        if (!values.length) return null;
        if (facet === 'level') values.sort((a, b) => Number(a.value) - Number(b.value));
        // Long lists show the most frequent values first and the rest on request (chosen ones always show).
        const shown = open[facet] ? values : values.filter((v, i) => i < FEW || chosen.includes(String(v.value)));
        return (
          <fieldset key={facet} className="facet">
            <legend className="h5">{LEGEND[facet]}</legend>
            <ul className="nobullet-list">
              {shown.map((f) => {
                const id = `facet-${facet}-${f.value}`;
                return (
                  <li key={id}>
                    <div className="form-group-checkbox">
                      <input
                        id={id}
                        type="checkbox"
                        className="form-checkbox"
                        checked={chosen.includes(String(f.value))}
                        onChange={() => onToggle(facet, String(f.value))}
                      />
                      <label htmlFor={id}>
                        {labelOf(facet, f)} <span className="count">({f.count})</span>
                      </label>
                    </div>
                  </li>
                );
              })}
            </ul>
            {shown.length < values.length && (
              <button type="button" className="button button-tertiary show-all" onClick={() => setOpen({ ...open, [facet]: true })}>
                Vis alle {values.length} {LEGEND[facet].toLowerCase()}
              </button>
            )}
          </fieldset>
        );
      })}
    </div>
  );
}
