import { createHash } from 'node:crypto';
import { canonicalJson } from '@kravbank/common';
import type { ExportEdition, SpecificationSnapshot } from './snapshot.js';

export { canonicalJson };

/**
 * The content fingerprint printed on the cover of the tender annex and written into the JSON
 * export: SHA-256 (hex) over the canonical JSON of the snapshot and the edition.
 *
 * A document cannot contain the hash of its own file (writing the hash changes the file), so the
 * annex carries this fingerprint of what it was rendered from instead. It is the same for every
 * render of the same snapshot and edition, draft or final, and differs between the editions.
 * `RenderedExport.sha256` is the hash of the file itself.
 */
export function contentFingerprint(snapshot: SpecificationSnapshot, edition: ExportEdition): string {
  return createHash('sha256').update(canonicalJson({ edition, snapshot }), 'utf8').digest('hex');
}
