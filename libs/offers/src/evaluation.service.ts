import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appendAudit, stateHash } from '@kravbank/audit';
import { conflict, invalid, notFound } from '@kravbank/common';
import { DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE, withAnnexDefaults, type SpecificationSnapshot } from '@kravbank/export';
import type { Principal } from '@kravbank/identity';
import type { ScoreDto } from './dto.js';
import { evaluate, evaluatedItems, type OfferResult } from './evaluation.js';
import { renderEvaluationDocx, renderEvaluationXlsx } from './evaluation-report.js';
import type { StoredConsensus, StoredScore } from './offer.store.js';
import { MAX_OFFERS, OffersService, UUID, offerAudit } from './offers.service.js';
import type { EvaluatorScoreView, ScoringMatrixView, ScoreCellView } from './scoring-views.js';

export interface EvaluationFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/**
 * Scoring and the evaluation report: each evaluator's points per EK and offer, the consensus
 * points, the weighted totals and the ranking, all per the specification's evaluation model
 * (`withAnnexDefaults`: the stored settings, else the Danish defaults). Every change and read is audited.
 */
@Injectable()
export class EvaluationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly offers: OffersService,
  ) {}

  /** The scoring matrix: one page of the EKs × every offer, each cell with every evaluator's points, the spread and the consensus. */
  async matrix(user: Principal, specificationId: string, page: number, limit: number): Promise<ScoringMatrixView> {
    const { specification, snapshot } = await this.offers.context(user, specificationId);
    const model = withAnnexDefaults(snapshot).evaluation;
    const items = evaluatedItems(snapshot);
    const pageItems = items.slice((page - 1) * limit, page * limit);
    const ids = pageItems.map((i) => i.id);
    {
      const store = this.offers.storeWithin(this.db.manager);
      // The reads and the audit entry of the read run side by side on pooled connections; the
      // answer is given only when the audit entry is committed.
      const [offers, scores, consensus] = await Promise.all([
        store.all(specification.id, MAX_OFFERS),
        store.scores(specification.id, ids),
        store.consensus(specification.id, null),
        appendAudit(this.db.manager, [offerAudit(user, 'scores_read', 'specification', specification.id, { page, limit })]),
      ]);
      const results = evaluate(
        snapshot,
        offers.map((o) => ({ ...o, report: null })),
        consensus,
      );
      const cells = buildCells(
        offers.map((o) => o.id),
        ids,
        scores,
        consensus,
      );
      const byOffer = new Map(results.map((r) => [r.offerId, r]));
      return {
        scale: {
          subCriterion: model.subCriterion,
          min: model.scaleMin,
          max: model.scaleMax,
          meaning: model.scaleMeaning,
          method: model.method,
        },
        items: pageItems.map((i) => ({ itemId: i.id, key: i.key, version: i.version, title: i.title, weight: i.weight })),
        total: items.length,
        page,
        limit,
        offers: offers.map((o) => ({
          offerId: o.id,
          bidderName: o.bidderName,
          imported: o.file !== null,
          conformity: o.conformity,
          complete: byOffer.get(o.id)!.complete,
          weightedTotal: byOffer.get(o.id)!.weightedTotal,
          rank: o.conformity === 'conforming' ? byOffer.get(o.id)!.rank : null,
        })),
        cells,
      };
    }
  }

  async score(user: Principal, specificationId: string, offerId: string, itemId: string, dto: ScoreDto): Promise<ScoreCellView> {
    return this.write(user, specificationId, offerId, itemId, dto, 'scored');
  }

  async consensus(user: Principal, specificationId: string, offerId: string, itemId: string, dto: ScoreDto): Promise<ScoreCellView> {
    return this.write(user, specificationId, offerId, itemId, dto, 'consensus_set');
  }

  private async write(
    user: Principal,
    specificationId: string,
    offerId: string,
    itemId: string,
    dto: ScoreDto,
    action: 'scored' | 'consensus_set',
  ): Promise<ScoreCellView> {
    const { specification, snapshot } = await this.offers.context(user, specificationId);
    const item = UUID.test(itemId) ? evaluatedItems(snapshot).find((i) => i.id === itemId) : undefined;
    if (!item) throw notFound('evaluated_requirement', itemId);
    const model = withAnnexDefaults(snapshot).evaluation;
    if (dto.points < model.scaleMin || dto.points > model.scaleMax)
      throw invalid('points', `must be from ${model.scaleMin} to ${model.scaleMax} (the specification's scale)`);
    const reason = dto.reason.trim();
    await this.db.transaction(async (m) => {
      const store = this.offers.storeWithin(m);
      const locked = UUID.test(offerId) ? await store.lock(specification.id, offerId) : null;
      if (!locked) throw notFound('offer', offerId);
      if (!locked.imported) throw conflict('offer_not_imported', 'Indlæs tilbudsgivers besvarelse, før tilbuddet bedømmes.');
      const before =
        action === 'scored'
          ? await store.setScore(offerId, item.id, user.id, dto.points, reason)
          : await store.setConsensus(offerId, item.id, user.id, dto.points, reason);
      await appendAudit(m, [
        {
          ...offerAudit(user, action, 'offer', offerId, { itemId: item.id, key: item.key, points: dto.points, before }),
          beforeHash: before ? stateHash(before) : null,
          afterHash: stateHash({ points: dto.points, reason }),
        },
      ]);
    });
    return this.cell(specification.id, offerId, item.id);
  }

  private async cell(specificationId: string, offerId: string, itemId: string): Promise<ScoreCellView> {
    const store = this.offers.storeWithin(this.db.manager);
    const [scores, consensus] = await Promise.all([store.scores(specificationId, [itemId]), store.consensus(specificationId, [itemId])]);
    const mine = scores.filter((s) => s.offerId === offerId);
    const c = consensus.find((x) => x.offerId === offerId);
    const points = mine.map((s) => s.points);
    const spread = points.length ? Math.max(...points) - Math.min(...points) : null;
    return {
      offerId,
      itemId,
      scores: mine.map(evaluatorScore),
      spread,
      differs: (spread ?? 0) > 0,
      consensus: c ? { points: c.points, reason: c.reason, setBy: c.setBy, setAt: c.setAt } : null,
    };
  }

  // ---- the evaluation report ----------------------------------------------------------------

  /** The results of every offer, read in one transaction with the audit entry of the read. */
  private async results(user: Principal, specificationId: string, audit: { offerId?: string; format: string }) {
    const { specification, snapshot } = await this.offers.context(user, specificationId);
    return this.db.transaction(async (m) => {
      const store = this.offers.storeWithin(m);
      const offers = await store.all(specification.id, MAX_OFFERS);
      const details = [];
      for (const o of offers) details.push(await store.find(specification.id, o.id));
      if (audit.offerId && !offers.some((o) => o.id === audit.offerId)) throw notFound('offer', audit.offerId);
      const results = evaluate(
        snapshot,
        details.map((d) => d!),
        await store.consensus(specification.id, null),
      );
      await appendAudit(m, [
        audit.offerId
          ? offerAudit(user, 'evaluation_read', 'offer', audit.offerId, { specificationId: specification.id, format: audit.format })
          : offerAudit(user, 'evaluation_read', 'specification', specification.id, { format: audit.format, offers: offers.length }),
      ]);
      return { snapshot, results };
    });
  }

  async report(user: Principal, specificationId: string, format: 'docx' | 'xlsx', offerId?: string): Promise<EvaluationFile> {
    if (offerId !== undefined && !UUID.test(offerId)) throw notFound('offer', offerId);
    const { snapshot, results } = await this.results(user, specificationId, { offerId, format });
    const bidder = offerId ? { offerId, rankedCount: results.filter((r) => r.rank !== null).length } : undefined;
    const input = { snapshot, model: withAnnexDefaults(snapshot).evaluation, results, bidder, generatedAt: new Date() };
    const body = format === 'docx' ? await renderEvaluationDocx(input) : await renderEvaluationXlsx(input);
    return {
      body,
      contentType: format === 'docx' ? DOCX_CONTENT_TYPE : XLSX_CONTENT_TYPE,
      fileName: fileName(snapshot, results, format, offerId),
    };
  }
}

const evaluatorScore = (s: StoredScore): EvaluatorScoreView => ({
  evaluatorId: s.evaluatorId,
  evaluatorName: s.evaluatorName,
  points: s.points,
  reason: s.reason,
  updatedAt: s.updatedAt,
});

/** The matrix cells, offer by offer and item by item, with the evaluators' spread. */
function buildCells(offerIds: string[], itemIds: string[], scores: StoredScore[], consensus: StoredConsensus[]): ScoreCellView[] {
  const cells = new Map<string, ScoreCellView>();
  for (const offerId of offerIds)
    for (const itemId of itemIds)
      cells.set(`${offerId}|${itemId}`, { offerId, itemId, scores: [], spread: null, differs: false, consensus: null });
  for (const s of scores) cells.get(`${s.offerId}|${s.itemId}`)?.scores.push(evaluatorScore(s));
  for (const c of consensus) {
    const cell = cells.get(`${c.offerId}|${c.itemId}`);
    if (cell) cell.consensus = { points: c.points, reason: c.reason, setBy: c.setBy, setAt: c.setAt };
  }
  for (const cell of cells.values()) {
    const points = cell.scores.map((s) => s.points);
    cell.spread = points.length ? Math.max(...points) - Math.min(...points) : null;
    cell.differs = (cell.spread ?? 0) > 0;
  }
  return [...cells.values()];
}

function fileName(snapshot: SpecificationSnapshot, results: OfferResult[], format: string, offerId?: string): string {
  const safe = (s: string) =>
    s
      .replace(/[^\p{L}\p{N} ._-]+/gu, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 60) || 'tilbud';
  const base = `Evalueringsrapport-${safe(snapshot.specification.title)}-rev${snapshot.specification.revision}`;
  const bidder = offerId ? `-${safe(results.find((r) => r.offerId === offerId)?.bidderName ?? 'tilbud')}` : '';
  return `${base}${bidder}.${format}`;
}
