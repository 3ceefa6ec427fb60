import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, type Page } from '@kravbank/common';
import {
  CommentDto,
  CreateProposalDto,
  ProposalListQueryDto,
  RejectDto,
  ReviseDto,
  RevisionDiffQueryDto,
  VoteDto,
  EditorialService,
  ProposalViewDoc,
  ProposalPage,
  ProposalRevisionsDoc,
  RevisionDiffDoc,
  RebasePreviewDoc,
  CommentDoc,
  CommentPage,
  ProposalEventPage,
  type ProposalEvent,
} from '@kravbank/editorial';
import { CurrentUser, type Principal } from '@kravbank/identity';
import { ApiProblems } from '../openapi.js';

@ApiTags('Editorial')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 409)
@Controller('change-proposals')
export class ChangeProposalsController {
  constructor(private readonly editorial: EditorialService) {}

  @Post()
  @ApiOperation({ summary: 'Draft a change proposal (create, amend or retire a requirement)' })
  @ApiCreatedResponse({ type: ProposalViewDoc })
  create(@CurrentUser() user: Principal, @Body() dto: CreateProposalDto) {
    return this.editorial.create(user, dto);
  }

  @Get()
  @ApiOperation({
    summary:
      'List proposals (drafts only your own), newest first; filters for state, kind, change type, requirement, open, mine, awaiting my vote',
  })
  @ApiOkResponse({ type: ProposalPage })
  list(@CurrentUser() user: Principal, @Query() q: ProposalListQueryDto) {
    return this.editorial.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One proposal with its votes, tally and the actions you may take' })
  @ApiOkResponse({ type: ProposalViewDoc })
  get(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.editorial.get(user, id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The proposal’s history from the audit trail, oldest first (who did what when, the state after it)' })
  @ApiOkResponse({ type: ProposalEventPage })
  history(@CurrentUser() user: Principal, @Param('id') id: string, @Query() q: PageQueryDto): Promise<Page<ProposalEvent>> {
    return this.editorial.history(user, id, q.page, q.limit);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Proposer: send the draft to the editorial secretariat' })
  @ApiOkResponse({ type: ProposalViewDoc })
  submit(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.editorial.submit(user, id);
  }

  @Post(':id/revise')
  @HttpCode(200)
  @ApiOperation({ summary: 'Editor (or the proposer while a draft): a new revision of the content; clears the votes' })
  @ApiOkResponse({ type: ProposalViewDoc })
  revise(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: ReviseDto) {
    return this.editorial.revise(user, id, dto);
  }

  @Get(':id/revisions')
  @ApiOperation({ summary: 'Every revision of the content, oldest first' })
  @ApiOkResponse({ type: ProposalRevisionsDoc })
  revisions(@CurrentUser() user: Principal, @Param('id') id: string): Promise<ProposalRevisionsDoc> {
    return this.editorial.revisions(user, id);
  }

  @Get(':id/revisions/diff')
  @ApiOperation({ summary: 'Word-level diff of two revisions (default: the last two)' })
  @ApiOkResponse({ type: RevisionDiffDoc })
  revisionDiff(@CurrentUser() user: Principal, @Param('id') id: string, @Query() q: RevisionDiffQueryDto): Promise<RevisionDiffDoc> {
    return this.editorial.revisionDiff(user, id, q);
  }

  @Post(':id/send-to-review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Editor: send the proposal to the committee' })
  @ApiOkResponse({ type: ProposalViewDoc })
  sendToReview(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.editorial.sendToReview(user, id);
  }

  @Post(':id/votes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Committee member: approve, reject (with comment) or abstain; not on your own or a revised-by-you proposal' })
  @ApiOkResponse({ type: ProposalViewDoc })
  vote(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: VoteDto) {
    return this.editorial.vote(user, id, dto);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Editor: reject the proposal with a reason' })
  @ApiOkResponse({ type: ProposalViewDoc })
  reject(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: RejectDto) {
    return this.editorial.reject(user, id, dto);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Proposer: withdraw the proposal' })
  @ApiOkResponse({ type: ProposalViewDoc })
  withdraw(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.editorial.withdraw(user, id);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Editor: publish an approved proposal as a new version (409 when the base version is outdated: rebase)' })
  @ApiOkResponse({ type: ProposalViewDoc })
  publish(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.editorial.publish(user, id);
  }

  @Get(':id/rebase')
  @ApiOperation({ summary: 'Editor: what changed since the base version, and the proposal against the current version' })
  @ApiOkResponse({ type: RebasePreviewDoc })
  rebasePreview(@CurrentUser() user: Principal, @Param('id') id: string): Promise<RebasePreviewDoc> {
    return this.editorial.rebasePreview(user, id);
  }

  @Post(':id/rebase')
  @HttpCode(200)
  @ApiOperation({ summary: 'Editor: move the proposal onto the current version; clears the votes' })
  @ApiOkResponse({ type: ProposalViewDoc })
  rebase(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.editorial.rebase(user, id);
  }

  @Post(':id/comments')
  @ApiOperation({ summary: 'Add a comment to the hearing thread' })
  @ApiCreatedResponse({ type: CommentDoc })
  comment(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: CommentDto): Promise<CommentDoc> {
    return this.editorial.addComment(user, id, dto);
  }

  @Get(':id/comments')
  @ApiOperation({ summary: 'The hearing thread, oldest first' })
  @ApiOkResponse({ type: CommentPage })
  comments(@CurrentUser() user: Principal, @Param('id') id: string, @Query() q: PageQueryDto): Promise<Page<CommentDoc>> {
    return this.editorial.comments(user, id, q.page, q.limit);
  }
}
