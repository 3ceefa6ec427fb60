import { Public } from '@kravbank/identity';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogueService, CategoryViewDoc } from '@kravbank/catalogue';

@ApiTags('Catalogue')
@Public()
@Controller('categories')
export class CategoriesController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOperation({ summary: 'The categories with the number of active and retired requirements' })
  @ApiOkResponse({ type: [CategoryViewDoc] })
  list() {
    return this.catalogue.categories();
  }
}
