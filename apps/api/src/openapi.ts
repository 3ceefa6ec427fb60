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

export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Kravbank')
    .setDescription('The shared requirements bank for public IT procurement: catalogue, editorial workflow, search and specifications.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
