/** DKFDS pagination: previous, "side X af Y", next. */
export function Pager({ page, pages, onPage, label }: { page: number; pages: number; onPage: (p: number) => void; label: string }) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" className="button button-secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Forrige side
      </button>
      <span className="pagination-mobile" aria-current="page">
        Side {page} af {pages}
      </span>
      <button type="button" className="button button-secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Næste side
      </button>
    </nav>
  );
}
