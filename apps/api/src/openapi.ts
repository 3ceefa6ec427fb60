import { applyDecorators, INestApplication } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

type SchemaObject = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];

const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'An RFC 9457 problem (application/problem+json)',
  properties: {
    type: { type: 'string', example: 'urn:kravbank:problem:validation_failed' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', example: 'validation_failed' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' }, in: { type: 'string' } } },
    },
    warnings: {
      type: 'array',
      description: 'With code warnings_not_acknowledged: the warnings of the checks that finalizing must acknowledge',
      items: { $ref: '#/components/schemas/CheckWarning' },
    },
  },
};

const DESCRIPTION: Record<number, string> = {
  400: 'Bad input: the problem lists each refused field and why',
  401: 'Not logged in',
  403: 'Logged in, but the role does not allow it',
  404: 'No such resource',
  409: 'Conflicts with the current state',
};

/** Documents the problem+json error responses a route can give. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTION[status],
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      }),
    ),
  );

const BINARY = { schema: { type: 'string', format: 'binary' } } as const;

/** The export route's 200: the file itself, in the content type the `format` asked for. */
export const ApiExportResponse = () =>
  ApiOkResponse({
    description: 'The file (docx, xlsx, csv or json as asked), sent as an attachment',
    content: {
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': BINARY,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': BINARY,
      'text/csv': BINARY,
      'application/json': BINARY,
    },
    headers: {
      'Content-Disposition': { description: 'attachment; with the file name', schema: { type: 'string' } },
      'X-Content-SHA256': { description: 'SHA-256 (hex) of the file', schema: { type: 'string' } },
      'X-Kravbank-Content-Fingerprint': {
        description: 'Fingerprint of the content, the same for the same items and texts',
        schema: { type: 'string' },
      },
      ETag: { description: 'The SHA-256 in quotes', schema: { type: 'string' } },
    },
  });

/** Values only the demo users have; the document outside demo mode must not suggest them. */
const DEMO_EXAMPLES = new Set(['indkob.aarhus', 'demo']);

/** Removes every `example` that is a demo credential, anywhere in the document. */
export function withoutDemoExamples<T>(node: T): T {
  if (Array.isArray(node)) node.forEach((child) => withoutDemoExamples(child));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === 'example' && typeof value === 'string' && DEMO_EXAMPLES.has(value)) delete record[key];
      else withoutDemoExamples(value);
    }
  }
  return node;
}

/**
 * The OpenAPI document of an application whose routes are registered (a created app, or one made with `preview: true`).
 * Outside demo mode it carries no demo credentials.
 */
export function buildOpenApiDocument(app: INestApplication, { demo }: { demo: boolean }): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Kravbank')
    .setDescription('The shared requirements bank for public IT procurement: catalogue, editorial workflow, search and specifications.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const generated = SwaggerModule.createDocument(app, config);
  // One shared schema for every error answer (ApiProblems refers to it).
  generated.components = { ...generated.components, schemas: { Problem: PROBLEM_SCHEMA, ...generated.components?.schemas } };
  return demo ? generated : withoutDemoExamples(generated);
}

/** The OpenAPI document at /docs (and /docs-json); mounted only when DOCS_ENABLED (default: demo mode). */
export function setupOpenApi(app: INestApplication, { demo }: { demo: boolean }): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, { demo }), { jsonDocumentUrl: 'docs-json' });
}
