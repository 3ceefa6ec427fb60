import { createHash } from 'node:crypto';
import { CSV_CONTENT_TYPE, renderCsvAnnex } from './csv-annex.js';
import { DOCX_CONTENT_TYPE, renderDocxAnnex } from './docx-annex.js';
import { JSON_CONTENT_TYPE, renderJsonExport } from './json-annex.js';
import { contentFingerprint } from './fingerprint.js';
import { exportFileName } from './labels.js';
import { XLSX_CONTENT_TYPE, renderXlsxAnnex } from './xlsx-annex.js';
import type { ExportEdition, ExportFormat, RenderedExport, SpecificationSnapshot } from './snapshot.js';

/**
 * The port the specifications service exports through: a snapshot in, the file's bytes out.
 * Injected by this abstract class as its token.
 */
export abstract class AnnexRenderer {
  abstract render(snapshot: SpecificationSnapshot, format: ExportFormat, edition: ExportEdition): Promise<RenderedExport>;
}

export interface AnnexRendererOptions {
  /** The clock that dates a draft's export; a final specification is always dated by its `finalizedAt`. */
  now?: () => Date;
}

/**
 * Renders the tender annex as DOCX (`docx`), XLSX, CSV or JSON, names and hashes the file, and
 * gives the content fingerprint, computed once for the renderer and the caller (on 5,000 items it
 * costs a few hundred milliseconds).
 */
export class DocumentAnnexRenderer extends AnnexRenderer {
  private readonly now: () => Date;

  constructor(options: AnnexRendererOptions = {}) {
    super();
    this.now = options.now ?? (() => new Date());
  }

  async render(snapshot: SpecificationSnapshot, format: ExportFormat, edition: ExportEdition): Promise<RenderedExport> {
    const fingerprint = contentFingerprint(snapshot, edition);
    const [body, contentType] = await this.bytes(snapshot, format, edition, fingerprint);
    return {
      body,
      contentType,
      fileName: exportFileName(snapshot, format, edition),
      sha256: createHash('sha256').update(body).digest('hex'),
      fingerprint,
    };
  }

  private async bytes(
    snapshot: SpecificationSnapshot,
    format: ExportFormat,
    edition: ExportEdition,
    fingerprint: string,
  ): Promise<[Buffer, string]> {
    switch (format) {
      case 'docx':
        return [await renderDocxAnnex(snapshot, edition, { now: this.now, fingerprint }), DOCX_CONTENT_TYPE];
      case 'csv':
        return [renderCsvAnnex(snapshot, edition), CSV_CONTENT_TYPE];
      case 'json':
        return [renderJsonExport(snapshot, edition, this.now, fingerprint), JSON_CONTENT_TYPE];
      case 'xlsx':
        return [await renderXlsxAnnex(snapshot, edition, { now: this.now, fingerprint }), XLSX_CONTENT_TYPE];
      default:
        throw new Error(`Unknown export format '${format satisfies never}'.`);
    }
  }
}
