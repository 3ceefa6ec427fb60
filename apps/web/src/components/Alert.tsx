import type { ReactNode } from 'react';

/** A DKFDS alert; errors are announced at once (role=alert), the rest politely. */
export function Alert({
  kind,
  heading,
  children,
}: {
  kind: 'error' | 'warning' | 'info' | 'success';
  heading?: string;
  children?: ReactNode;
}) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="alert-body">
        {heading && <p className="alert-heading">{heading}</p>}
        {children && <div className="alert-text">{children}</div>}
      </div>
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Henter {what} …
    </p>
  );
}
