import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORIES, LEVELS } from '@kravbank/catalogue';

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
