import { Public } from '@kravbank/identity';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '@kravbank/common';
import { CatalogueService, ProfileSummaryPage, ProfileViewDoc } from '@kravbank/catalogue';
import { ApiProblems } from '../openapi.js';

@ApiTags('Catalogue')
@ApiProblems(400, 404)
@Public()
@Controller('profiles')
export class ProfilesController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOperation({ summary: 'Selection profiles: suggested starting points for a specification' })
  @ApiOkResponse({ type: ProfileSummaryPage })
  list(@Query() q: PageQueryDto) {
    return this.catalogue.listProfiles(q.page, q.limit);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One profile with its requirements and suggested obligations' })
  @ApiOkResponse({ type: ProfileViewDoc })
  get(@Param('id') id: string) {
    return this.catalogue.getProfile(id);
  }
}
