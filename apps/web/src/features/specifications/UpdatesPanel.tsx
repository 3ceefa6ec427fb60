import { DiffView } from '../../components/DiffView';
import type { UpdateView } from '../../lib/api/types';

/** Nyere versioner: each pinned requirement the bank has changed since, with the diff and an upgrade button. */
export function UpdatesPanel({
  updates,
  onUpgrade,
  onUpgradeAll,
  busy,
}: {
  updates: UpdateView[];
  onUpgrade: (u: UpdateView) => void;
  onUpgradeAll: () => void;
  busy: boolean;
}) {
  if (!updates.length) return null;
  return (
    <section className="updates" aria-labelledby="updates-heading">
      <h2 id="updates-heading">Nyere versioner</h2>
      <p>
        Kravbanken har nyere versioner af {updates.length === 1 ? 'et krav' : `${updates.length} krav`} i denne kravspecifikation. Se
        forskellene, og opgradér, når du er enig.
      </p>
      <button type="button" className="button button-primary" onClick={onUpgradeAll} disabled={busy}>
        Opgradér alle
      </button>
      <ul className="nobullet-list">
        {updates.map((u) => (
          <li key={u.itemId} className="update">
            <h3 className="h4">
              {u.requirementKey}: version {u.pinnedVersion} → {u.retired ? 'udgået' : `version ${u.currentVersion}`}
            </h3>
            {u.diff && <DiffView diff={u.diff} />}
            {!u.retired && (
              <button type="button" className="button button-secondary" onClick={() => onUpgrade(u)} disabled={busy}>
                Opgradér {u.requirementKey} til version {u.currentVersion}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
