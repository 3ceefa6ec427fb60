/**
 * Deaktivér / Genaktivér for a row of the admin tables: deactivating asks first (with what it
 * means), reactivating does not; the row's name is said to a screen reader.
 */
export function ActiveToggle({
  active,
  name,
  consequence,
  onChange,
}: {
  active: boolean;
  name: string;
  /** What deactivating does, for the confirmation. */
  consequence: string;
  onChange: (active: boolean) => void;
}) {
  const click = () => {
    if (active && !window.confirm(`Deaktivér ${name}? ${consequence}`)) return;
    onChange(!active);
  };
  return (
    <button type="button" className="button button-secondary" onClick={click}>
      {active ? 'Deaktivér' : 'Genaktivér'}
      <span className="sr-only"> {name}</span>
    </button>
  );
}
