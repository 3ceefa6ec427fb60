import { applyDecorators, INestApplication } from '@nestjs/common';
import { ApiResponse, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

const PROBLEM_SCHEMA = {
  type: 'object',
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
      ApiResponse({ status, description: DESCRIPTION[status], content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } } }),
    ),
  );

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

/** The OpenAPI document at /docs (and /docs-json); mounted only when DOCS_ENABLED (default: demo mode). */
export function setupOpenApi(app: INestApplication, { demo }: { demo: boolean }): void {
  const config = new DocumentBuilder()
    .setTitle('Kravbank')
    .setDescription('The shared requirements bank for public IT procurement: catalogue, editorial workflow, search and specifications.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const generated = SwaggerModule.createDocument(app, config);
  const document = demo ? generated : withoutDemoExamples(generated);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
