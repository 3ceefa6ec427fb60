import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import type { OpenAPIObject } from '@nestjs/swagger';

/** Where the web app's generated client types live (relative to the repository root). */
export const API_DOCUMENT_FILE = 'apps/web/src/lib/api/openapi.json';
export const API_TYPES_FILE = 'apps/web/src/lib/api/schema.d.ts';

/** The OpenAPI document as it is committed: two-space JSON with a final newline. */
export const documentText = (document: OpenAPIObject): string => `${JSON.stringify(document, null, 2)}\n`;

/** The TypeScript types openapi-typescript makes of the document (`paths`, `components`, `operations`). */
export async function typesFromDocument(document: OpenAPIObject): Promise<string> {
  // openapi-typescript reads a copy: it must not add to the document the caller keeps.
  const ast = await openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0], { silent: true });
  return COMMENT_HEADER + astToString(ast);
}
