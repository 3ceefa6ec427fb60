import type { MouseEvent } from 'react';
import { Alert, Loading } from '../../components/Alert';
import type { ItemView } from '../../lib/api/types';
import { mapProblem } from '../../lib/problems';
import { useChecks, type CheckWarning } from './annex-api';
import './annex.css';

const CODE_LABEL: Record<CheckWarning['code'], string> = {
  'ek-mandatory-text': 'EK med »skal«',
  'mk-optional-text': 'MK med »bør«',
  'weights-not-100': 'Vægte',
  'version-outdated': 'Nyere version',
  'version-retired': 'Udgået krav',
  'duplicate-requirement': 'Dobbelt krav',
  'empty-section': 'Tomt afsnit',
  'local-no-obligation-verb': 'Lokalt krav uden »skal« eller »bør«',
};

/** Moves to the item's row in the editor: its MK/EK field gets the focus. */
function goToItem(e: MouseEvent<HTMLAnchorElement>, itemId: string) {
  const field = document.getElementById(`item-${itemId}-obligation`);
  if (!field) return;
  e.preventDefault();
  field.scrollIntoView({ block: 'center' });
  field.focus();
}

function WarningItem({ warning, item }: { warning: CheckWarning; item: ItemView | undefined }) {
  return (
    <li className="check-warning">
      <p className="check-target">
        <span className="badge badge-warning">{CODE_LABEL[warning.code]}</span>{' '}
        {warning.itemId ? (
          <a href={`#item-${warning.itemId}-obligation`} onClick={(e) => goToItem(e, warning.itemId!)}>
            Gå til {warning.itemKey}
            {item ? ` ${item.title}` : ''}
          </a>
        ) : (
          <span>Hele kravspecifikationen</span>
        )}
      </p>
      <p className="check-message">{warning.message}</p>
    </li>
  );
}

/** The list of warnings, also shown in the confirmation before finalizing. */
export function WarningList({ warnings, items }: { warnings: CheckWarning[]; items: ItemView[] }) {
  const byId = new Map(items.map((i) => [i.id, i]));
  return (
    <ul className="nobullet-list checks-list">
      {warnings.map((w, i) => (
        <WarningItem key={`${w.code}-${w.itemId ?? i}-${i}`} warning={w} item={w.itemId ? byId.get(w.itemId) : undefined} />
      ))}
    </ul>
  );
}

/** "Kontrol før afslutning": the checks' warnings beside the items, each linking to its item. Drafts only. */
export function ChecksPanel({ id, items, readOnly }: { id: string; items: ItemView[]; readOnly: boolean }) {
  const checks = useChecks(id, !readOnly);
  if (readOnly) return null;
  const warnings = checks.data ?? [];
  return (
    <section className={`checks${warnings.length ? ' checks-open' : ''}`} aria-labelledby="checks-heading">
      <h2 id="checks-heading" className="h3">
        Kontrol før afslutning
      </h2>
      {checks.isPending && <Loading what="kontrollen" />}
      {checks.isError && <Alert kind="error" heading={mapProblem(checks.error).message ?? ''} />}
      {checks.isSuccess && !warnings.length && <p>Ingen advarsler. Kravspecifikationen kan afsluttes.</p>}
      {checks.isSuccess && warnings.length > 0 && (
        <>
          <p>
            {warnings.length === 1 ? 'Kontrollen har fundet 1 advarsel' : `Kontrollen har fundet ${warnings.length} advarsler`}. Ret dem,
            eller bekræft dem, når du afslutter: så bliver de gemt i revisionssporet.
          </p>
          <WarningList warnings={warnings} items={items} />
        </>
      )}
    </section>
  );
}
