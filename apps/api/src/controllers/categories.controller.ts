import { Public } from '@kravbank/identity';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogueService } from '@kravbank/catalogue';

@ApiTags('Catalogue')
@Public()
@Controller('categories')
export class CategoriesController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOperation({ summary: 'The categories with the number of active and retired requirements' })
  list() {
    return this.catalogue.categories();
  }
}
