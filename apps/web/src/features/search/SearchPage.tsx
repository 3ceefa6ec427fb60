import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../../components/Alert';
import { Pager } from '../../components/Pager';
import { useSession } from '../../lib/session';
import type { Category } from '../../lib/api/types';
import { CATEGORY_LABEL } from '../../lib/format';
import { mapProblem } from '../../lib/problems';
import { useDraftSpecifications } from '../../lib/drafts';
import { PAGE_SIZE, useSearch, type SearchState } from './api';
import { AddButton, TargetPicker } from '../../components/AddToSpecification';
import { Facets } from './Facets';

/**
 * Short: an answer from the bank takes a few milliseconds, and a keystroke should show its hits at once.
 * Keys typed by hand come 100–200 ms apart, so each gets its own search anyway; the pause only
 * gathers the bursts of a paste or an input method into one request.
 */
const DEBOUNCE_MS = 30;
const PARAM: Record<'category' | 'level' | 'tag' | 'legalSource', string> = {
  category: 'kategori',
  level: 'niveau',
  tag: 'emneord',
  legalSource: 'retskilde',
};

const CATEGORIES = Object.keys(CATEGORY_LABEL) as Category[];
const LEVELS = [1, 2, 3] as const;

/** The search in the URL; values the bank does not know (an edited link) are left out rather than sent. */
function stateOf(params: URLSearchParams): SearchState {
  return {
    q: params.get('q') ?? '',
    category: CATEGORIES.filter((c) => params.getAll(PARAM.category).includes(c)),
    level: LEVELS.filter((l) => params.getAll(PARAM.level).includes(String(l))),
    tag: params.getAll(PARAM.tag),
    legalSource: params.getAll(PARAM.legalSource),
    page: Math.max(1, Number(params.get('side')) || 1),
  };
}

/** Søg i kravbanken: results while typing, facets, highlights, paging; the whole state lives in the URL. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => stateOf(params), [params]);
  const [text, setText] = useState(state.q);
  const [announce, setAnnounce] = useState('');
  const { data: user } = useSession();
  const drafts = useDraftSpecifications(!!user?.roles.includes('procurer'));
  const [target, setTarget] = useState('');
  const search = useSearch(state);

  // Typing changes the URL after a short pause (replacing the entry: the back button skips keystrokes).
  useEffect(() => {
    if (text === state.q) return;
    const t = setTimeout(() => {
      const next = new URLSearchParams(params);
      if (text) next.set('q', text);
      else next.delete('q');
      next.delete('side');
      setParams(next, { replace: true });
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, state.q, params, setParams]);

  useEffect(() => setText(state.q), [state.q]);

  const toggle = (facet: keyof typeof PARAM, value: string) => {
    const next = new URLSearchParams(params);
    const values = next.getAll(PARAM[facet]);
    next.delete(PARAM[facet]);
    for (const v of values.includes(value) ? values.filter((v) => v !== value) : [...values, value]) next.append(PARAM[facet], v);
    next.delete('side');
    // At once, not in a transition: the checkbox shows the URL's state, and would otherwise flick back until it commits.
    setParams(next, { flushSync: true });
  };
  const goTo = (page: number) => {
    const next = new URLSearchParams(params);
    next.set('side', String(page));
    setParams(next);
  };

  const draftList = drafts.data?.items ?? [];
  const targetSpec = draftList.find((d) => d.id === target) ?? draftList[0];
  const result = search.data;
  const filtered = state.category.length + state.level.length + state.tag.length + state.legalSource.length > 0;

  return (
    <>
      <h1 tabIndex={-1}>Søg i kravbanken</h1>
      <form role="search" onSubmit={(e) => e.preventDefault()} className="search-box">
        <div className="form-group">
          <label className="form-label" htmlFor="search-q">
            Søgeord
          </label>
          <span className="form-hint" id="search-q-hint">
            Resultaterne opdateres, mens du skriver. Fx »logning«, »to-faktor« eller »SIK-014«.
          </span>
          <input
            id="search-q"
            className="form-input"
            type="search"
            value={text}
            aria-describedby="search-q-hint"
            aria-controls="search-results"
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
      </form>
      <div className="search-layout">
        <aside aria-label="Afgræns søgningen">
          <h2 className="h3">Afgræns</h2>
          <Facets state={state} facets={result?.facets} onToggle={toggle} />
        </aside>
        <section id="search-results" aria-labelledby="results-heading" aria-busy={search.isFetching}>
          {user?.roles.includes('procurer') && targetSpec && (
            <TargetPicker drafts={draftList} target={targetSpec.id} onTarget={setTarget} />
          )}
          <p className="sr-only" role="status">
            {announce}
          </p>
          {search.isError && <Alert kind="error" heading={mapProblem(search.error).message ?? 'Søgningen fejlede.'} />}
          {result && (
            <>
              <h2 id="results-heading" className="h3" aria-live="polite">
                {result.total === 1 ? '1 krav' : `${result.total.toLocaleString('da-DK')} krav`}
                {result.q ? ` for »${result.q}«` : ''}
              </h2>
              {result.total === 0 && (
                <Alert kind="info" heading="Ingen krav passer på søgningen">
                  <ul>
                    {filtered && <li>Fjern en eller flere afgrænsninger.</li>}
                    <li>Prøv et bredere eller andet ord, fx »log« i stedet for »logningspolitik«.</li>
                    <li>Søg på et kravnummer, fx SIK-014.</li>
                  </ul>
                </Alert>
              )}
              <ol className="nobullet-list hits">
                {result.hits.map((h) => (
                  <li key={h.key} className="hit">
                    <div className="hit-head">
                      <h3 className="h4">
                        <Link to={`/krav/${h.key}`}>
                          <span className="hit-key">{h.key}</span>{' '}
                          <span dangerouslySetInnerHTML={{ __html: h.highlights.title || h.title }} />
                        </Link>
                      </h3>
                      {targetSpec && <AddButton hitKey={h.key} title={h.title} target={targetSpec} onDone={setAnnounce} />}
                    </div>
                    <p className="hit-meta">
                      {CATEGORY_LABEL[h.category]} · niveau {h.level} · version {h.version}
                    </p>
                    {h.highlights.statement && (
                      <p
                        className="hit-text"
                        dangerouslySetInnerHTML={{
                          __html: (/^[a-zæøå<]/.test(h.highlights.statement) ? '… ' : '') + h.highlights.statement,
                        }}
                      />
                    )}
                  </li>
                ))}
              </ol>
              <Pager
                page={result.page}
                pages={Math.ceil(Math.min(result.total, 10_000) / PAGE_SIZE)}
                onPage={goTo}
                label="Sider i søgeresultatet"
              />
            </>
          )}
        </section>
      </div>
    </>
  );
}
