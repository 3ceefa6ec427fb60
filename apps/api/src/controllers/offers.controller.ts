import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { PageQueryDto } from '@kravbank/common';
import { CurrentUser, Roles, type Principal } from '@kravbank/identity';
import {
  CreateOfferDto,
  EvaluationQueryDto,
  EvaluationService,
  OfferDetailDoc,
  OfferPage,
  OffersService,
  ScoreCellDoc,
  ScoreDto,
  ScoringMatrixDoc,
  type EvaluationFile,
  type UploadedOfferFile,
} from '@kravbank/offers';
import { ApiProblems } from '../openapi.js';

const BINARY = { schema: { type: 'string', format: 'binary' } } as const;

/** The evaluation report's 200: the file, DOCX or XLSX as asked. */
const ApiEvaluationFile = () =>
  ApiOkResponse({
    description: 'The evaluation report (docx or xlsx as asked), sent as an attachment',
    content: {
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': BINARY,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': BINARY,
    },
  });

function send(res: Response, file: EvaluationFile): StreamableFile {
  res.set({
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'Cache-Control': 'no-store',
  });
  return new StreamableFile(file.body);
}

@ApiTags('Offers')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 409)
@Roles('procurer')
@Controller('specifications/:id')
export class OffersController {
  constructor(
    private readonly offers: OffersService,
    private readonly evaluation: EvaluationService,
  ) {}

  @Post('offers')
  @ApiOperation({ summary: 'Register an offer on a final specification: the bidder’s name and CVR number' })
  @ApiCreatedResponse({ type: OfferDetailDoc })
  create(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: CreateOfferDto) {
    return this.offers.create(user, id, dto);
  }

  @Get('offers')
  @ApiOperation({ summary: 'The offers on a specification, oldest first (the read is audited)' })
  @ApiOkResponse({ type: OfferPage })
  list(@CurrentUser() user: Principal, @Param('id') id: string, @Query() q: PageQueryDto) {
    return this.offers.list(user, id, q.page, q.limit);
  }

  @Get('offers/:offerId')
  @ApiOperation({ summary: 'One offer with its import report (the read is audited)' })
  @ApiOkResponse({ type: OfferDetailDoc })
  get(@CurrentUser() user: Principal, @Param('id') id: string, @Param('offerId') offerId: string) {
    return this.offers.get(user, id, offerId);
  }

  @Delete('offers/:offerId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an offer that has no scores' })
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(@CurrentUser() user: Principal, @Param('id') id: string, @Param('offerId') offerId: string) {
    return this.offers.remove(user, id, offerId);
  }

  @Put('offers/:offerId/file')
  @UseInterceptors(FileInterceptor('file', { limits: { files: 1, fields: 0, parts: 1 } }))
  @ApiOperation({
    summary:
      'Upload the bidder’s returned annex (XLSX kravmatrix or DOCX) as multipart field `file`; the import report is stored with the offer',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: OfferDetailDoc })
  @ApiProblems(413, 422)
  upload(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('offerId') offerId: string,
    @UploadedFile() file: UploadedOfferFile | undefined,
  ) {
    return this.offers.importFile(user, id, offerId, file);
  }

  @Get('scores')
  @ApiOperation({ summary: 'The scoring matrix: a page of the EKs × every offer, with each evaluator’s points, differences and consensus' })
  @ApiOkResponse({ type: ScoringMatrixDoc })
  matrix(@CurrentUser() user: Principal, @Param('id') id: string, @Query() q: PageQueryDto) {
    return this.evaluation.matrix(user, id, q.page, q.limit);
  }

  @Put('offers/:offerId/scores/:itemId')
  @ApiOperation({ summary: 'Your points for an EK of an offer, with a written reason (audited)' })
  @ApiOkResponse({ type: ScoreCellDoc })
  score(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('offerId') offerId: string,
    @Param('itemId') itemId: string,
    @Body() dto: ScoreDto,
  ) {
    return this.evaluation.score(user, id, offerId, itemId, dto);
  }

  @Put('offers/:offerId/consensus/:itemId')
  @ApiOperation({ summary: 'The consensus points for an EK of an offer, with a written reason (audited)' })
  @ApiOkResponse({ type: ScoreCellDoc })
  consensus(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('offerId') offerId: string,
    @Param('itemId') itemId: string,
    @Body() dto: ScoreDto,
  ) {
    return this.evaluation.consensus(user, id, offerId, itemId, dto);
  }

  @Get('evaluation')
  @ApiOperation({ summary: 'The evaluation report: each offer’s conformity, consensus points with reasons, weighted total and ranking' })
  @ApiEvaluationFile()
  async report(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Query() q: EvaluationQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.evaluation.report(user, id, q.format));
  }

  @Get('offers/:offerId/evaluation')
  @ApiOperation({ summary: 'The evaluation report for one bidder: its own results and place, no other bidder’s details' })
  @ApiEvaluationFile()
  async bidderReport(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('offerId') offerId: string,
    @Query() q: EvaluationQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.evaluation.report(user, id, q.format, offerId));
  }
}
