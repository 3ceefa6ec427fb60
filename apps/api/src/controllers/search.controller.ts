import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@kravbank/identity';
import { SearchQueryDto, SearchService, SearchResultView, SearchStatusDoc } from '@kravbank/search';
import { ApiProblems } from '../openapi.js';

@ApiTags('Search')
@Public()
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @ApiOperation({
    summary: 'Search the published requirements: ranked hits with highlights, and facet counts',
    description:
      'Words match inflected forms and as prefixes; synonyms (MFA, SSO, …), compounds and typos are handled. Filters repeat for "any of" ' +
      '(`tag=mfa&tag=sso`); different filters must all hold. Facet counts describe the filtered result. Highlights are HTML-escaped text with `<mark>` around matches.',
  })
  @ApiOkResponse({ type: SearchResultView })
  @ApiProblems(400)
  @ApiResponse({ status: 503, description: 'The search engine did not answer (problem+json, code search_unavailable)' })
  find(@Query() q: SearchQueryDto): Promise<SearchResultView> {
    return this.search.search(q);
  }

  @Get('status')
  @ApiOperation({ summary: 'The search engine, its document count and the sync backlog' })
  @ApiOkResponse({ type: SearchStatusDoc })
  status(): Promise<SearchStatusDoc> {
    return this.search.status();
  }
}
