/** The Excel kravmatrix, tender and buyer editions, beside the other exports. */
export function XlsxDownloads({ onDownload }: { onDownload: (format: 'xlsx', edition: 'tender' | 'buyer') => void }) {
  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => onDownload('xlsx', 'tender')}>
        Hent XLSX-kravmatrix til udbud
      </button>
      <button type="button" className="button button-secondary" onClick={() => onDownload('xlsx', 'buyer')}>
        Hent XLSX-kravmatrix til ordregiver
      </button>
    </>
  );
}
