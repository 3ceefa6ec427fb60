import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface Props extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  hint?: string;
  error?: string;
  multiline?: boolean;
}

interface GroupProps {
  label: string;
  hint?: string;
  error?: string;
  /** The control, given its id and the ids that describe it (hint, error). */
  children: (id: string, describedBy: string | undefined) => ReactNode;
}

/** A DKFDS form group around any control: label, optional hint, error text tied to the control. */
export function FieldGroup({ label, hint, error, children }: GroupProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      {children(id, described)}
    </div>
  );
}

/** A DKFDS text field (or text area): label, optional hint, error text tied to the field. */
export function FormField({ label, hint, error, multiline, className, ...input }: Props) {
  return (
    <FieldGroup label={label} hint={hint} error={error}>
      {(id, described) =>
        multiline ? (
          <textarea
            id={id}
            className={`form-input ${className ?? ''}`}
            aria-describedby={described}
            aria-invalid={error ? true : undefined}
            rows={4}
            name={input.name}
            value={input.value as string}
            defaultValue={input.defaultValue as string}
            onChange={input.onChange as never}
            required={input.required}
          />
        ) : (
          <input
            id={id}
            className={`form-input ${className ?? ''}`}
            aria-describedby={described}
            aria-invalid={error ? true : undefined}
            {...input}
          />
        )
      }
    </FieldGroup>
  );
}
