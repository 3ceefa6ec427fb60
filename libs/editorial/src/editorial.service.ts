import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit, listAudit, stateHash, type AuditInput } from '@kravbank/audit';
import { APP_CONFIG, type AppConfig, conflict, DomainError, invalid, notFound, type Page } from '@kravbank/common';
import {
  canonicalContent,
  contentHash,
  changedFields,
  diffContent,
  type ContentDiff,
  type RequirementContent,
  CatalogueRepository,
  CatalogueWriter,
  contentOf,
} from '@kravbank/catalogue';
import { hasRole, type Principal } from '@kravbank/identity';
import type { CommentDto, CreateProposalDto, ProposalListQueryDto, RejectDto, ReviseDto, RevisionDiffQueryDto, VoteDto } from './dto.js';
import { tally, type ProposalRecord, type ProposalState, type Tally, type VoteDecision, type VoteRecord } from './model.js';
import { ProposalStore, type Person, type ProposalChange, type ProposalContext } from './proposal.store.js';
import { allowedActions, check, type ProposalAction } from './rules.js';

export interface ProposalView extends Omit<ProposalRecord, 'proposerId' | 'organisationId' | 'publishedBy' | 'lockVersion'> {
  proposer: Person;
  publishedBy: Person | null;
  /** Everyone who wrote a revision of the content; none of them may vote. */
  contentAuthors: string[];
  votes: Array<Omit<VoteRecord, 'voterId'>>;
  tally: Tally;
  allowedActions: ProposalAction[];
}

/** One step in a proposal's history, read from the audit trail. */
export interface ProposalEvent {
  at: string;
  /** created, submitted, revised, sent_to_review, voted, rejected, withdrawn, rebased, published, commented */
  action: string;
  actor: string | null;
  actorName: string | null;
  /** The state after the step (null for a comment). */
  state: ProposalState | null;
  revision: number | null;
  /** How many active votes the step cleared (a revision or a rebase). */
  votesCleared: number | null;
  decision: VoteDecision | null;
}

interface Mutation {
  action: string;
  change?: ProposalChange;
  data?: Record<string, unknown>;
}

/**
 * What a mutation's work gets: the locked proposal with its votes and authors, its store, the
 * transaction, and where to put audit entries of its own. Work that changes the votes or the
 * revisions reads them again with `reload()`.
 */
interface MutationContext {
  p: ProposalRecord;
  ctx: ProposalContext;
  reload(): Promise<ProposalContext>;
  store: ProposalStore;
  tx: EntityManager;
  audit: AuditInput[];
}

/** The part of a proposal whose change the audit trail hashes. */
const auditedState = (p: ProposalRecord) => ({
  state: p.state,
  revision: p.revision,
  contentHash: p.content ? contentHash(p.content) : null,
  baseVersion: p.baseVersion,
  requirementKey: p.requirementKey,
  rejectionReason: p.rejectionReason,
  publishedVersion: p.publishedVersion,
});

@Injectable()
export class EditorialService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly proposals: ProposalStore,
    private readonly catalogue: CatalogueRepository,
  ) {}

  // ---- reading ------------------------------------------------------------------------

  async list(user: Principal, q: ProposalListQueryDto): Promise<Page<ProposalView>> {
    const store = this.proposals;
    // Only a committee member has votes to give; for anyone else the view is empty.
    if (q.awaitingMyVote === 'true' && !hasRole(user, 'committee')) return { items: [], total: 0, page: q.page, limit: q.limit };
    const page = await store.list({
      state: q.state,
      kind: q.kind,
      changeType: q.changeType,
      requirementKey: q.requirementKey?.toUpperCase(),
      open: q.open === 'true',
      mine: q.mine === 'true',
      awaitingVoteOf: q.awaitingMyVote === 'true',
      viewerId: user.id,
      page: q.page,
      limit: q.limit,
    });
    const contexts = await store.contexts(page.items);
    return { ...page, items: page.items.map((p) => this.view(p, contexts.get(p.id)!, user)) };
  }

  async get(user: Principal, id: string): Promise<ProposalView> {
    const store = this.proposals;
    const p = await this.visible(store, user, id);
    return this.view(p, (await store.contexts([p])).get(p.id)!, user);
  }

  async revisions(user: Principal, id: string) {
    const store = this.proposals;
    const p = await this.visible(store, user, id);
    const revisions = await store.revisions(p.id);
    return { proposalId: p.id, current: p.revision, items: revisions.map(({ authorId: _a, ...r }) => r) };
  }

  async revisionDiff(
    user: Principal,
    id: string,
    q: RevisionDiffQueryDto,
  ): Promise<{ from: number; to: number; changed: string[]; fields: ContentDiff }> {
    const store = this.proposals;
    const p = await this.visible(store, user, id);
    if (p.kind === 'retire') throw new DomainError('conflict', 'no_content', 'A retirement proposal has no content to diff.');
    const to = q.to ?? p.revision;
    const from = q.from ?? Math.max(1, to - 1);
    if (from > to) throw invalid('from', `must be at most to (${to})`);
    const revisions = await store.revisions(p.id);
    const a = revisions.find((r) => r.revision === from);
    const b = revisions.find((r) => r.revision === to);
    if (!a || !b) throw new DomainError('not_found', 'revision_not_found', `The proposal has revisions 1 to ${p.revision}.`);
    const fields = diffContent(a.content!, b.content!);
    return {
      from,
      to,
      changed: changedFields(fields),
      fields,
    };
  }

  async comments(user: Principal, id: string, page: number, limit: number) {
    const store = this.proposals;
    const p = await this.visible(store, user, id);
    return store.comments(p.id, page, limit);
  }

  /** The proposal's history from the audit trail, oldest first: every step with who, when, the state after it and what it did to the votes. */
  async history(user: Principal, id: string, page: number, limit: number): Promise<Page<ProposalEvent>> {
    const p = await this.visible(this.proposals, user, id);
    const trail = await listAudit(this.db, { entityType: 'change_proposal', entityId: p.id, order: 'asc', page, limit });
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    return {
      ...trail,
      items: trail.items.map((e) => ({
        at: e.at,
        action: e.action.replace(/^proposal\./, ''),
        actor: e.actor,
        actorName: e.actorName,
        state: typeof e.data.state === 'string' ? (e.data.state as ProposalState) : null,
        revision: num(e.data.revision),
        votesCleared: num(e.data.votesCleared),
        decision: typeof e.data.decision === 'string' ? (e.data.decision as VoteDecision) : null,
      })),
    };
  }

  /** What the editor needs to rebase: what changed underneath, and the proposal against the new current version. */
  async rebasePreview(user: Principal, id: string) {
    const store = this.proposals;
    const p = await this.visible(store, user, id);
    this.assert('rebase', p, user);
    return this.rebaseInfo(this.db.manager, p);
  }

  // ---- writing --------------------------------------------------------------------------

  async create(user: Principal, dto: CreateProposalDto): Promise<ProposalView> {
    return this.db.transaction(async (tx) => {
      const store = this.proposals.within(tx);
      const fields = await this.validateNew(tx, dto);
      const p = await store.insert({ ...fields, proposerId: user.id, organisationId: user.organisationId });
      await appendAudit(tx, [
        this.auditEntry(user, null, p, {
          action: 'created',
          data: { kind: p.kind, changeType: p.changeType, requirementKey: p.requirementKey },
        }),
      ]);
      return this.view(p, { votes: [], authorIds: [user.id], people: new Map([[user.id, this.person(user)]]) }, user);
    });
  }

  submit(user: Principal, id: string): Promise<ProposalView> {
    return this.mutate(user, id, 'submit', () => ({ action: 'submitted', change: { state: 'submitted', submittedAt: new Date() } }));
  }

  sendToReview(user: Principal, id: string): Promise<ProposalView> {
    return this.mutate(user, id, 'send-to-review', () => ({ action: 'sent_to_review', change: { state: 'in_review' } }));
  }

  revise(user: Principal, id: string, dto: ReviseDto): Promise<ProposalView> {
    return this.mutate(user, id, 'revise', async ({ p, store, tx, reload }) => {
      if (dto.baseRevision !== undefined && dto.baseRevision !== p.revision) {
        throw conflict(
          'stale_revision',
          `The proposal is at revision ${p.revision}, not ${dto.baseRevision}: reload it and edit the newest revision.`,
          { revision: p.revision },
        );
      }
      const content = canonicalContent(dto.content);
      const amend = p.kind === 'amend';
      const facts = await this.catalogue.within(tx).findProposalFacts(
        content.legalSources.map((s) => s.id),
        amend ? p.requirementKey : null,
        amend ? p.baseVersion : null,
      );
      this.checkLegalSources(content, facts.known);
      if (p.content && contentHash(p.content) === contentHash(content)) throw invalid('content', 'is the same as the current revision');
      if (amend) this.checkDiffersFromVersion(p.requirementKey!, p.baseVersion!, content, facts.versionHash);
      const revision = p.revision + 1;
      await store.insertRevision(p.id, revision, content, contentHash(content), user.id, dto.note ?? null);
      const cleared = await store.clearVotes(p.id, `revision ${revision}`);
      await reload();
      return {
        action: 'revised',
        change: { content, revision, ...(p.state === 'approved' ? { state: 'in_review' } : {}) },
        data: { revision, votesCleared: cleared },
      };
    });
  }

  vote(user: Principal, id: string, dto: VoteDto): Promise<ProposalView> {
    return this.mutate(user, id, 'vote', async ({ p, ctx, store, reload }) => {
      if (p.proposerId === user.id) throw new DomainError('forbidden', 'four_eyes', 'You proposed this change, so you may not vote on it.');
      if (ctx.authorIds.includes(user.id))
        throw new DomainError('forbidden', 'four_eyes', 'You revised this proposal, so you may not vote on it.');
      if (dto.decision === 'reject' && !dto.comment) throw invalid('comment', 'is required when you vote reject');
      await store.castVote(p.id, user.id, dto.decision, dto.comment ?? null, p.revision);
      const t = tally((await reload()).votes, this.config.reviewQuorum);
      const state = t.quorumMet ? 'approved' : 'in_review';
      return {
        action: 'voted',
        change: state !== p.state ? { state, decidedAt: state === 'approved' ? new Date() : null } : undefined,
        data: { decision: dto.decision, revision: p.revision, tally: t },
      };
    });
  }

  reject(user: Principal, id: string, dto: RejectDto): Promise<ProposalView> {
    return this.mutate(user, id, 'reject', () => ({
      action: 'rejected',
      change: { state: 'rejected', rejectionReason: dto.reason, decidedAt: new Date() },
      data: { reason: dto.reason },
    }));
  }

  withdraw(user: Principal, id: string): Promise<ProposalView> {
    return this.mutate(user, id, 'withdraw', () => ({ action: 'withdrawn', change: { state: 'withdrawn', decidedAt: new Date() } }));
  }

  rebase(user: Principal, id: string): Promise<ProposalView> {
    return this.mutate(user, id, 'rebase', async ({ p, store, tx, reload }) => {
      const info = await this.rebaseInfo(tx, p);
      if (info.upToDate)
        throw conflict('already_current', `The proposal is already written against the current version ${info.currentVersion}.`);
      if (info.currentStatus === 'retired') throw conflict('requirement_retired', `Requirement ${p.requirementKey} has been retired.`);
      const cleared = await store.clearVotes(p.id, `rebased onto version ${info.currentVersion}`);
      await reload();
      return {
        action: 'rebased',
        change: { baseVersion: info.currentVersion, ...(p.state === 'approved' ? { state: 'in_review' } : {}) },
        data: { from: p.baseVersion, to: info.currentVersion, votesCleared: cleared },
      };
    });
  }

  /** One transaction: the new version (or retirement), the current pointer, the proposal's state, the audit entries and the outbox event. */
  publish(user: Principal, id: string): Promise<ProposalView> {
    return this.mutate(user, id, 'publish', async ({ p, ctx, tx, audit }) => {
      const t = tally(ctx.votes, this.config.reviewQuorum);
      if (!t.quorumMet)
        throw conflict(
          'quorum_not_met',
          `Publication needs ${t.quorum} approvals and no rejection (now ${t.approve} approvals, ${t.reject} rejections).`,
          { tally: t },
        );
      const writer = new CatalogueWriter(tx, audit);
      const common = { origin: 'proposal' as const, proposalId: p.id, changeSummary: p.motivation, actorId: user.id };
      const rebaseHint = { rebase: `/api/change-proposals/${p.id}/rebase` };
      let key = p.requirementKey!;
      let version: number;
      try {
        if (p.kind === 'create') {
          key = await writer.nextKey(p.category!);
          version = (await writer.publish({ ...common, key, category: p.category!, content: p.content!, baseVersion: null })).version;
        } else if (p.kind === 'amend') {
          version = (await writer.publish({ ...common, key, content: p.content!, baseVersion: p.baseVersion! })).version;
        } else {
          version = (await writer.retire(key, p.baseVersion!, new Date(), user.id, p.id)).version;
        }
      } catch (e) {
        if (e instanceof DomainError && e.code === 'base_version_outdated')
          throw new DomainError(e.kind, e.code, e.message, e.errors, { ...e.extra, ...rebaseHint });
        throw e;
      }
      return {
        action: 'published',
        change: { state: 'published', requirementKey: key, publishedVersion: version, publishedBy: user.id, publishedAt: new Date() },
        data: { requirementKey: key, version, tally: t },
      };
    });
  }

  async addComment(user: Principal, id: string, dto: CommentDto) {
    return this.db.transaction(async (tx) => {
      const store = this.proposals.within(tx);
      const p = await this.visible(store, user, id);
      const comment = await store.addComment(p.id, user.id, dto.text.trim());
      await appendAudit(tx, [
        {
          actorId: user.id,
          action: 'proposal.commented',
          entityType: 'change_proposal',
          entityId: p.id,
          afterHash: stateHash({ text: dto.text.trim() }),
          data: { commentId: comment.id },
        },
      ]);
      return {
        id: comment.id,
        author: user.username,
        authorName: user.displayName,
        organisation: user.organisationName,
        text: dto.text.trim(),
        createdAt: comment.createdAt,
      };
    });
  }

  // ---- helpers ----------------------------------------------------------------------------

  /**
   * Locks the proposal, checks the rule for the action, applies the change and appends the
   * audit entries, all in one transaction, and answers with the proposal as it commits.
   */
  private async mutate(
    user: Principal,
    id: string,
    action: ProposalAction,
    work: (ctx: MutationContext) => Mutation | Promise<Mutation>,
  ): Promise<ProposalView> {
    return this.db.transaction(async (tx) => {
      const store = this.proposals.within(tx);
      const p = await store.lock(id);
      if (!p || !this.canSee(p, user)) throw notFound('change_proposal', id);
      this.assert(action, p, user);
      const load = async () => (await store.contexts([p])).get(p.id)!;
      let ctx = await load();
      const audit: AuditInput[] = [];
      const mutation = await work({ p, ctx, reload: async () => (ctx = await load()), store, tx, audit });
      let updated = p;
      if (mutation.change) {
        const row = await store.update(p, mutation.change);
        if (!row)
          throw conflict('concurrent_change', 'The proposal was changed by someone else at the same time: reload it and try again.');
        updated = row;
      }
      await appendAudit(tx, [...audit, this.auditEntry(user, p, updated, mutation)]);
      // The caller is the only person a change can add to the view (as author or publisher).
      if (!ctx.people.has(user.id)) ctx.people.set(user.id, this.person(user));
      return this.view(updated, ctx, user);
    });
  }

  private assert(action: ProposalAction, p: ProposalRecord, user: Principal): void {
    const result = check(action, p, user);
    if (result.ok) return;
    if (result.kind === 'forbidden') throw new DomainError('forbidden', 'forbidden', result.message);
    throw conflict(result.kind === 'state' ? 'invalid_state' : 'invalid_kind', result.message, { state: p.state });
  }

  private canSee(p: ProposalRecord, user: Principal): boolean {
    return p.state !== 'draft' || p.proposerId === user.id;
  }

  private async visible(store: ProposalStore, user: Principal, id: string): Promise<ProposalRecord> {
    const p = await store.find(id);
    if (!p || !this.canSee(p, user)) throw notFound('change_proposal', id);
    return p;
  }

  private auditEntry(user: Principal, before: ProposalRecord | null, after: ProposalRecord, mutation: Mutation): AuditInput {
    return {
      actorId: user.id,
      action: `proposal.${mutation.action}`,
      entityType: 'change_proposal',
      entityId: after.id,
      beforeHash: before ? stateHash(auditedState(before)) : null,
      afterHash: stateHash(auditedState(after)),
      data: { number: after.number, state: after.state, ...(mutation.data ?? {}) },
    };
  }

  private view(p: ProposalRecord, ctx: ProposalContext, user: Principal): ProposalView {
    const { proposerId, organisationId: _o, publishedBy, lockVersion: _l, ...rest } = p;
    return {
      ...rest,
      proposer: ctx.people.get(proposerId)!,
      publishedBy: publishedBy ? ctx.people.get(publishedBy)! : null,
      contentAuthors: ctx.authorIds.map((a) => ctx.people.get(a)!.username),
      votes: ctx.votes.map(({ voterId: _v, ...v }) => v),
      tally: tally(ctx.votes, this.config.reviewQuorum),
      // Four eyes: whoever proposed or revised the content is not offered a vote (vote() refuses it too).
      allowedActions: allowedActions(p, user).filter((a) => a !== 'vote' || (p.proposerId !== user.id && !ctx.authorIds.includes(user.id))),
    };
  }

  private person(user: Principal): Person {
    return { id: user.id, username: user.username, displayName: user.displayName, organisation: user.organisationName };
  }

  private async validateNew(manager: EntityManager, dto: CreateProposalDto) {
    const forbid = (field: keyof CreateProposalDto) => {
      if (dto[field] !== undefined) throw invalid(field, `must not be given for a ${dto.kind} proposal`);
    };
    const need = (field: keyof CreateProposalDto) => {
      if (dto[field] === undefined) throw invalid(field, `is required for a ${dto.kind} proposal`);
    };
    const content = dto.content ? canonicalContent(dto.content) : null;
    const facts = await this.catalogue
      .within(manager)
      .findProposalFacts(
        [...(dto.triggeringLegalSource ? [dto.triggeringLegalSource] : []), ...(content?.legalSources.map((s) => s.id) ?? [])],
        dto.kind === 'create' ? null : (dto.requirementKey?.toUpperCase() ?? null),
        dto.kind === 'amend' ? (dto.baseVersion ?? null) : null,
      );
    if (dto.triggeringLegalSource && !facts.known.has(dto.triggeringLegalSource))
      throw invalid('triggeringLegalSource', 'is not in the legal-source register');
    if (dto.kind === 'create') {
      need('category');
      need('content');
      forbid('requirementKey');
      forbid('baseVersion');
    } else {
      need('requirementKey');
      need('baseVersion');
      forbid('category');
      if (dto.kind === 'amend') need('content');
      else forbid('content');
      const key = dto.requirementKey!.toUpperCase();
      const r = facts.requirement;
      if (!r) throw invalid('requirementKey', `there is no requirement ${key}`);
      if (r.status === 'retired') throw conflict('requirement_retired', `Requirement ${key} is retired.`);
      if (dto.baseVersion! > r.currentVersion) throw invalid('baseVersion', `${key} has versions 1 to ${r.currentVersion}`);
      dto.requirementKey = key;
    }
    if (content) {
      this.checkLegalSources(content, facts.known);
      if (dto.kind === 'amend') this.checkDiffersFromVersion(dto.requirementKey!, dto.baseVersion!, content, facts.versionHash);
    }
    return {
      kind: dto.kind,
      changeType: dto.changeType,
      requirementKey: dto.requirementKey ?? null,
      baseVersion: dto.baseVersion ?? null,
      category: dto.category ?? null,
      motivation: dto.motivation.trim(),
      triggeringLegalSource: dto.triggeringLegalSource ?? null,
      content,
      contentHash: content ? contentHash(content) : null,
    };
  }

  private checkLegalSources(content: RequirementContent, known: Set<string>): void {
    const ids = content.legalSources.map((s) => s.id);
    const i = ids.findIndex((id) => !known.has(id));
    if (i >= 0) throw invalid(`content.legalSources.${i}.id`, `'${ids[i]}' is not in the legal-source register`);
  }

  private checkDiffersFromVersion(key: string, version: number, content: RequirementContent, versionHash: string | null): void {
    if (versionHash === contentHash(content))
      throw invalid('content', `is the same as ${key} version ${version}: there is nothing to change`);
  }

  private async rebaseInfo(manager: EntityManager, p: ProposalRecord) {
    const catalogue = this.catalogue.within(manager);
    const r = (await catalogue.findRequirementHead(p.requirementKey!))!;
    const load = async (version: number): Promise<RequirementContent> =>
      contentOf((await catalogue.findVersion(p.requirementKey!, version))!);
    const [base, current] = await Promise.all([load(p.baseVersion!), load(r.currentVersion)]);
    return {
      proposalId: p.id,
      requirementKey: p.requirementKey,
      baseVersion: p.baseVersion!,
      currentVersion: r.currentVersion,
      currentStatus: r.status,
      upToDate: p.baseVersion === r.currentVersion,
      /** What was published since the proposal's base version. */
      upstream: diffContent(base, current),
      /** The proposal compared with the current version (amendments only). */
      proposal: p.content ? diffContent(current, p.content) : null,
    };
  }
}
