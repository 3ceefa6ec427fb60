import type { CheckWarning } from './annex-api';
import { useSpecification } from './api';
import { WarningList } from './ChecksPanel';

/** In the confirmation before finalizing: the open warnings, which finalizing acknowledges and records. */
export function FinalizeWarnings({ id, warnings }: { id: string; warnings: CheckWarning[] | undefined }) {
  const { items } = useSpecification(id);
  if (!warnings?.length) return null;
  return (
    <div className="finalize-warnings">
      <p>
        <strong>
          {warnings.length === 1 ? 'Kontrollen har fundet 1 advarsel' : `Kontrollen har fundet ${warnings.length} advarsler`}.
        </strong>{' '}
        Afslutter du alligevel, bekræfter du, at du har set {warnings.length === 1 ? 'den' : 'dem'}, og{' '}
        {warnings.length === 1 ? 'den' : 'de'} bliver gemt i revisionssporet.
      </p>
      <WarningList warnings={warnings} items={items.data ?? []} />
    </div>
  );
}
