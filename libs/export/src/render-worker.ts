/**
 * The worker thread's entry (loaded by piscina from the compiled code): renders one export with
 * the same code as the request thread would, so the bytes are the same.
 */
import { DocumentAnnexRenderer } from './annex-renderer.js';
import type { ExportEdition, ExportFormat, RenderedExport, SpecificationSnapshot } from './snapshot.js';

export interface RenderTask {
  snapshot: SpecificationSnapshot;
  format: ExportFormat;
  edition: ExportEdition;
  /** The request's clock, which dates a draft's export. */
  nowIso: string;
}

/**
 * Renders the file with its content fingerprint (computed once, for the file and the answer's
 * header): on 2,000 items it takes the thread a tenth of a second or more, so it is done here.
 */
export default async function render(task: RenderTask): Promise<RenderedExport> {
  return new DocumentAnnexRenderer({ now: () => new Date(task.nowIso) }).render(task.snapshot, task.format, task.edition);
}
