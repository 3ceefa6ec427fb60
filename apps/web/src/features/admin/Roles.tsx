import { useId } from 'react';
import { ROLE_LABEL } from '../../lib/format';
import { ROLES, type Role } from './api';

/** The roles as a DKFDS checkbox group. */
export function RoleChoice({
  value,
  onChange,
  error,
  legend = 'Roller',
}: {
  value: Role[];
  onChange: (r: Role[]) => void;
  error?: string;
  legend?: string;
}) {
  const id = useId();
  return (
    <fieldset className={`form-group${error ? ' form-error' : ''}`}>
      <legend className="form-label">{legend}</legend>
      {error && (
        <span className="form-error-message">
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      <ul className="nobullet-list">
        {ROLES.map((r) => (
          <li key={r}>
            <div className="form-group-checkbox">
              <input
                id={`${id}-${r}`}
                type="checkbox"
                className="form-checkbox"
                checked={value.includes(r)}
                onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))}
              />
              <label htmlFor={`${id}-${r}`}>{ROLE_LABEL[r] ?? r}</label>
            </div>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export const roleList = (roles: string[]) => roles.map((r) => ROLE_LABEL[r] ?? r).join(', ');
