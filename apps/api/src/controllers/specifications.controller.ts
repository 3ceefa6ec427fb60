import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PageQueryDto } from '@kravbank/common';
import { CurrentUser, Roles, type Principal } from '@kravbank/identity';
import {
  AddItemDto,
  AddItemsDto,
  CreateSpecificationDto,
  ExportQueryDto,
  FinalizeDto,
  CheckWarningPage,
  SpecificationListQueryDto,
  UpdateItemDto,
  UpdateSpecificationDto,
  SpecificationsService,
  SpecificationViewDoc,
  SpecificationPage,
  ItemPage,
  ItemViewDoc,
  AddedItemsDoc,
  UpdatePage,
  UpgradeAllResultDoc,
} from '@kravbank/specifications';
import { ApiProblems, ApiExportResponse } from '../openapi.js';

@ApiTags('Specifications')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 409)
@Roles('procurer')
@Controller('specifications')
export class SpecificationsController {
  constructor(private readonly specifications: SpecificationsService) {}

  @Post()
  @ApiOperation({ summary: 'Start a specification for your organisation, empty or from a selection profile (profileId)' })
  @ApiCreatedResponse({ type: SpecificationViewDoc })
  create(@CurrentUser() user: Principal, @Body() dto: CreateSpecificationDto) {
    return this.specifications.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: "Your organisation's specifications, most recently changed first" })
  @ApiOkResponse({ type: SpecificationPage })
  list(@CurrentUser() user: Principal, @Query() q: SpecificationListQueryDto) {
    return this.specifications.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One specification with its item count and how many items have newer versions' })
  @ApiOkResponse({ type: SpecificationViewDoc })
  get(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.specifications.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Change title, procurement name, case number, description, the evaluation model, the annex front matter or the sections (drafts only)',
  })
  @ApiOkResponse({ type: SpecificationViewDoc })
  update(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: UpdateSpecificationDto) {
    return this.specifications.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft specification' })
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.specifications.remove(user, id);
  }

  @Get(':id/items')
  @ApiOperation({ summary: 'The items in document order, with pinned and current versions' })
  @ApiOkResponse({ type: ItemPage })
  items(@CurrentUser() user: Principal, @Param('id') id: string, @Query() q: PageQueryDto) {
    return this.specifications.items(user, id, q.page, q.limit);
  }

  @Post(':id/items')
  @ApiOperation({ summary: 'Add a bank requirement (pinned to a version, default the current) or a local requirement' })
  @ApiCreatedResponse({ type: ItemViewDoc })
  addItem(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: AddItemDto) {
    return this.specifications.addItem(user, id, dto);
  }

  @Post(':id/items/bulk')
  @ApiOperation({ summary: 'Add many items at once (e.g. from search results): all or none' })
  @ApiCreatedResponse({ type: AddedItemsDoc })
  addItems(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: AddItemsDto): Promise<AddedItemsDoc> {
    return this.specifications.addItems(user, id, dto.items);
  }

  @Patch(':id/items/:itemId')
  @ApiOperation({ summary: "Change an item's obligation, weight, note, section or position" })
  @ApiOkResponse({ type: ItemViewDoc })
  updateItem(@CurrentUser() user: Principal, @Param('id') id: string, @Param('itemId') itemId: string, @Body() dto: UpdateItemDto) {
    return this.specifications.updateItem(user, id, itemId, dto);
  }

  @Delete(':id/items/:itemId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an item' })
  @ApiNoContentResponse({ description: 'Removed' })
  removeItem(@CurrentUser() user: Principal, @Param('id') id: string, @Param('itemId') itemId: string) {
    return this.specifications.removeItem(user, id, itemId);
  }

  @Get(':id/updates')
  @ApiOperation({ summary: 'Items whose pinned version is behind the bank, or retired, with the field diff' })
  @ApiOkResponse({ type: UpdatePage })
  updates(@CurrentUser() user: Principal, @Param('id') id: string, @Query() q: PageQueryDto) {
    return this.specifications.updates(user, id, q.page, q.limit);
  }

  @Post(':id/items/:itemId/upgrade')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pin an item to the current version (recorded in the audit trail)' })
  @ApiOkResponse({ type: ItemViewDoc })
  upgrade(@CurrentUser() user: Principal, @Param('id') id: string, @Param('itemId') itemId: string) {
    return this.specifications.upgradeItem(user, id, itemId);
  }

  @Post(':id/upgrade-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pin every item with a newer version to it; retired ones are listed, not changed' })
  @ApiOkResponse({ type: UpgradeAllResultDoc })
  upgradeAll(@CurrentUser() user: Principal, @Param('id') id: string): Promise<UpgradeAllResultDoc> {
    return this.specifications.upgradeAll(user, id);
  }

  @Get(':id/checks')
  @ApiOperation({
    summary:
      'The checks before finalizing: warnings with a code, the item and a Danish message (EK text that says skal, weights not 100, …)',
  })
  @ApiOkResponse({ type: CheckWarningPage })
  checks(@CurrentUser() user: Principal, @Param('id') id: string, @Query() q: PageQueryDto) {
    return this.specifications.checks(user, id, q.page, q.limit);
  }

  @Post(':id/finalize')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Freeze the specification: a final one never changes and exports the same bytes every time. With open warnings of the checks it needs acknowledgeWarnings: true (else 409 warnings_not_acknowledged listing them in `warnings`)',
  })
  @ApiOkResponse({ type: SpecificationViewDoc })
  finalize(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: FinalizeDto) {
    return this.specifications.finalize(user, id, dto);
  }

  @Post(':id/revisions')
  @ApiOperation({ summary: 'Start a new draft revision from a final specification' })
  @ApiCreatedResponse({ type: SpecificationViewDoc })
  newRevision(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.specifications.newRevision(user, id);
  }

  @Get(':id/export')
  @ApiOperation({
    summary: 'The tender annex as DOCX, XLSX, CSV or JSON; X-Content-SHA256 is the file’s SHA-256; a matching If-None-Match gives 304',
  })
  @ApiExportResponse()
  @ApiResponse({ status: 304, description: 'Not modified: If-None-Match names the ETag of the file this request would give (no body)' })
  async export(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Query() q: ExportQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { file, fingerprint, final } = await this.specifications.export(user, id, q);
    res.set({
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'X-Content-SHA256': file.sha256,
      'X-Kravbank-Content-Fingerprint': fingerprint,
      ETag: `"${file.sha256}"`,
      'Cache-Control': final ? 'private, max-age=31536000, immutable' : 'private, no-cache',
    });
    // The client has this file (If-None-Match names its ETag): Express's send answers 304 without a body.
    if (req.fresh) return undefined;
    return new StreamableFile(file.body);
  }
}
