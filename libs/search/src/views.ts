import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { CATEGORIES, LEVELS } from '@kravbank/catalogue';
import type { EngineName } from './model.js';
import type { SearchStatusView } from './search.service.js';
import type { OutboxBacklog } from './sync/search-outbox.js';
import type { ReconcileReport } from './sync/search-reconciler.js';
import type { SyncStatus } from './sync/search-sync.service.js';

/** The shapes GET /api/search answers with, for the OpenAPI document (the service returns plain objects of these shapes). */
export class HighlightsView {
  @ApiProperty({
    description: 'The title, HTML-escaped, with <mark> around matched words.',
    example: '<mark>Logning</mark> af <mark>opslag</mark> i personoplysninger',
  })
  title: string;

  @ApiProperty({ description: 'A fragment of the statement, HTML-escaped, with <mark> around matched words.' })
  statement: string;
}

export class SearchHitView {
  @ApiProperty({ example: 'SIK-025' })
  key: string;

  @ApiProperty({ description: 'The current published version.', example: 1 })
  version: number;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: CATEGORIES })
  category: string;

  @ApiProperty({ enum: LEVELS })
  level: number;

  @ApiProperty({ type: HighlightsView })
  highlights: HighlightsView;
}

export class FacetCountView {
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'integer' }], example: 'security' })
  value: string | number;

  @ApiProperty({ example: 42 })
  count: number;

  @ApiPropertyOptional({ description: 'On legal-source facets: the source’s title.' })
  title?: string;
}

export class FacetsView {
  @ApiProperty({ type: [FacetCountView] })
  category: FacetCountView[];

  @ApiProperty({ type: [FacetCountView] })
  level: FacetCountView[];

  @ApiProperty({ type: [FacetCountView], description: 'At most 30, most frequent first.' })
  tag: FacetCountView[];

  @ApiProperty({ type: [FacetCountView], description: 'At most 30, most frequent first.' })
  legalSource: FacetCountView[];
}

export class SearchResultView {
  @ApiProperty({ enum: ['postgres', 'meilisearch'] })
  engine: string;

  @ApiProperty({ description: 'Hits in all pages.' })
  total: number;

  @ApiProperty({
    description:
      'False when the result is very large (Postgres engine: over 10,000 hits) and the tag and legal-source counts are estimated from a sample of the hits; the total and the category and level counts are always exact.',
  })
  facetCountsExact: boolean;

  @ApiProperty()
  page: number;

  @ApiProperty()
  limit: number;

  @ApiProperty({ type: [SearchHitView] })
  hits: SearchHitView[];

  @ApiProperty({ type: FacetsView, description: 'Counts over the filtered result (every filter applied).' })
  facets: FacetsView;
}

@ApiSchema({ name: 'OutboxBacklog' })
export class OutboxBacklogView implements OutboxBacklog {
  @ApiProperty({ type: 'integer', description: 'Undelivered events that may be delivered now.' }) due: number;
  @ApiProperty({ type: 'integer', description: 'Undelivered events waiting for their retry time.' }) waiting: number;
  @ApiProperty({ type: 'integer', description: 'Undelivered events that failed at least once.' }) failing: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) oldestCreatedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Never the error itself: see the server log.' }) lastError: string | null;
}

@ApiSchema({ name: 'ReconcileReport' })
export class ReconcileReportView implements ReconcileReport {
  @ApiProperty({ enum: ['postgres', 'meilisearch'] }) engine: EngineName;
  @ApiProperty({ type: 'integer', description: 'Requirements in the database.' }) checked: number;
  @ApiProperty({ type: 'integer', description: 'In the database, not in the index: added.' }) missing: number;
  @ApiProperty({ type: 'integer', description: 'In both, with a different hash: replaced.' }) changed: number;
  @ApiProperty({ type: 'integer', description: 'In the index, not in the database: removed.' }) removed: number;
  @ApiProperty() ms: number;
  @ApiProperty({ format: 'date-time' }) at: string;
}

@ApiSchema({ name: 'SearchSyncStatus' })
export class SearchSyncStatusView implements SyncStatus {
  @ApiProperty({ enum: ['running', 'stopped'] }) worker: 'running' | 'stopped';
  @ApiProperty() ready: boolean;
  @ApiProperty({ type: OutboxBacklogView }) backlog: OutboxBacklog;
  @ApiProperty({ type: ReconcileReportView, nullable: true }) lastReconcile: ReconcileReport | null;
  @ApiProperty({ type: String, nullable: true, description: 'Never the error itself: see the server log.' }) engineProblem: string | null;
}

@ApiSchema({ name: 'SearchStatus' })
export class SearchStatusDoc implements SearchStatusView {
  @ApiProperty({ enum: ['postgres', 'meilisearch'] }) engine: EngineName;
  @ApiProperty() healthy: boolean;
  @ApiProperty({ type: 'integer' }) documents: number;
  @ApiProperty({ type: SearchSyncStatusView }) sync: SyncStatus;
}
