import { Public } from '@kravbank/identity';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '@kravbank/common';
import {
  CatalogueService,
  DiffQueryDto,
  RequirementListQueryDto,
  VersionParamDto,
  RequirementListPage,
  RequirementViewDoc,
  VersionPage,
  VersionWithProvenanceDoc,
  VersionDiffDoc,
} from '@kravbank/catalogue';
import { ApiProblems } from '../openapi.js';

@ApiTags('Catalogue')
@ApiProblems(400, 404)
@Public()
@Controller('requirements')
export class RequirementsController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOperation({ summary: 'List requirements (current versions), filtered and paginated' })
  @ApiOkResponse({ type: RequirementListPage })
  list(@Query() q: RequirementListQueryDto) {
    return this.catalogue.listRequirements(q);
  }

  @Get(':key')
  @ApiOperation({ summary: 'A requirement: its current version and a summary of every version' })
  @ApiOkResponse({ type: RequirementViewDoc })
  get(@Param('key') key: string) {
    return this.catalogue.getRequirement(key);
  }

  @Get(':key/versions')
  @ApiOperation({ summary: 'Every published version of a requirement, oldest first' })
  @ApiOkResponse({ type: VersionPage })
  versions(@Param('key') key: string, @Query() q: PageQueryDto) {
    return this.catalogue.listVersions(key, q.page, q.limit);
  }

  @Get(':key/versions/:n')
  @ApiOperation({ summary: 'One published version, with the proposal, votes and approvers behind it' })
  @ApiOkResponse({ type: VersionWithProvenanceDoc })
  version(@Param() p: VersionParamDto) {
    return this.catalogue.getVersionWithProvenance(p.key, p.n);
  }

  @Get(':key/diff')
  @ApiOperation({ summary: 'Word-level diff of two versions, field by field' })
  @ApiOkResponse({ type: VersionDiffDoc })
  diff(@Param('key') key: string, @Query() q: DiffQueryDto) {
    return this.catalogue.diff(key, q);
  }
}
