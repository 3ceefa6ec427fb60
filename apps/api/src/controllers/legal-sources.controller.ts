import { Public } from '@kravbank/identity';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '@kravbank/common';
import { CatalogueService, LegalSourcePage, LegalSourceViewDoc, RequirementListPage } from '@kravbank/catalogue';
import { ApiProblems } from '../openapi.js';

@ApiTags('Catalogue')
@ApiProblems(400, 404)
@Public()
@Controller('legal-sources')
export class LegalSourcesController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOperation({ summary: 'The legal-source register' })
  @ApiOkResponse({ type: LegalSourcePage })
  list(@Query() q: PageQueryDto) {
    return this.catalogue.listLegalSources(q.page, q.limit);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One legal source' })
  @ApiOkResponse({ type: LegalSourceViewDoc })
  get(@Param('id') id: string) {
    return this.catalogue.getLegalSource(id);
  }

  @Get(':id/requirements')
  @ApiOperation({ summary: 'Requirements whose current version cites the legal source' })
  @ApiOkResponse({ type: RequirementListPage })
  requirements(@Param('id') id: string, @Query() q: PageQueryDto) {
    return this.catalogue.requirementsCiting(id, q.page, q.limit);
  }
}
