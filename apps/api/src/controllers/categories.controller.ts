import { Public } from '../../../../libs/identity/src/decorators.js';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogueService } from '../../../../libs/catalogue/src/catalogue.service.js';

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
