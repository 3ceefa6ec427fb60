import type { Type } from '@nestjs/common';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { Page } from './pagination.js';

/** Where @ApiSchema keeps a class's schema name (`swagger/apiSchema`). */
const API_SCHEMA = 'swagger/apiSchema';

const schemaName = (type: Type<unknown>): string =>
  (Reflect.getMetadata(API_SCHEMA, type) as Array<{ name?: string }> | undefined)?.[0]?.name ?? type.name;

const pages = new Map<Type<unknown>, Type<unknown>>();

/**
 * The OpenAPI schema of a page of items, `{ items, total, page, limit }`, named after the item's
 * schema (`RequirementListItem` gives `RequirementListItemPage`). One class per item type.
 */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  const known = pages.get(item);
  if (known) return known as Type<Page<T>>;
  const name = `${schemaName(item)}Page`;

  @ApiSchema({ name, description: `One page of ${schemaName(item)} items` })
  class PageView implements Page<T> {
    @ApiProperty({ type: item, isArray: true })
    items: T[];

    @ApiProperty({ type: 'integer', description: 'Items in all pages.', example: 126 })
    total: number;

    @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
    page: number;

    @ApiProperty({ type: 'integer', minimum: 1, example: 20 })
    limit: number;
  }
  Object.defineProperty(PageView, 'name', { value: name });
  pages.set(item, PageView);
  return PageView;
}
