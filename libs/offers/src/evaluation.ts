import type { EvaluationModel, SnapshotItem, SpecificationSnapshot } from '@kravbank/export';
import type { Conformity, ImportReport, ReportRow } from './model.js';
import type { StoredConsensus } from './offer.store.js';

export interface EvaluatedItem {
  itemId: string;
  key: string;
  version: number | null;
  title: string;
  weight: number | null;
}

export interface OfferScoreLine extends EvaluatedItem {
  points: number | null;
  reason: string | null;
}

export interface OfferResult {
  offerId: string;
  bidderName: string;
  cvr: string;
  conformity: Conformity | null;
  /** MK rows flagged (Nej, blank, invalid, changed, missing) and EK rows with a possible reservation. */
  flaggedRows: ReportRow[];
  scores: OfferScoreLine[];
  /** Every EK has a consensus score. */
  complete: boolean;
  /** Σ(points × weight) / Σ weight over the EKs with consensus points; null until complete. */
  weightedTotal: number | null;
  /** 1 for the best; null when the offer is not complete or possibly non-conforming (it is not ranked). */
  rank: number | null;
}

export interface OfferForEvaluation {
  id: string;
  bidderName: string;
  cvr: string;
  conformity: Conformity | null;
  report: ImportReport | null;
}

/** The evaluated requirements (EK) of the snapshot, in its order. */
export function evaluatedItems(snapshot: SpecificationSnapshot): SnapshotItem[] {
  return snapshot.items.filter((i) => i.obligation === 'evaluated');
}

/**
 * The weights the total uses: each EK's weight; an EK without a weight counts 0, and when no EK
 * carries a weight they all count the same (1), so the total is the average.
 */
export function effectiveWeights(items: readonly SnapshotItem[]): Map<string, number> {
  const given = items.reduce((sum, i) => sum + (i.weight ?? 0), 0);
  return new Map(items.map((i) => [i.id, given > 0 ? (i.weight ?? 0) : 1]));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The weighted total of points by item id over the EKs that have points, and whether every EK has them. */
export function weightedTotal(items: readonly SnapshotItem[], points: Map<string, number>): { total: number | null; complete: boolean } {
  const weights = effectiveWeights(items);
  let sum = 0;
  let weight = 0;
  let complete = items.length > 0;
  for (const item of items) {
    const p = points.get(item.id);
    if (p === undefined) {
      complete = false;
      continue;
    }
    sum += p * weights.get(item.id)!;
    weight += weights.get(item.id)!;
  }
  return { total: complete ? round2(weight > 0 ? sum / weight : 0) : null, complete };
}

/** Standard competition ranking (1, 2, 2, 4) of the complete, conforming offers by weighted total, highest first. */
export function rankOffers(results: OfferResult[]): void {
  const ranked = results.filter((r) => r.complete && r.conformity === 'conforming' && r.weightedTotal !== null);
  ranked.sort((a, b) => b.weightedTotal! - a.weightedTotal!);
  ranked.forEach((r, i) => {
    r.rank = i > 0 && ranked[i - 1].weightedTotal === r.weightedTotal ? ranked[i - 1].rank : i + 1;
  });
}

/** Each offer's conformity, consensus points and reasons, weighted total and rank, per the evaluation model. */
export function evaluate(
  snapshot: SpecificationSnapshot,
  offers: readonly OfferForEvaluation[],
  consensus: readonly StoredConsensus[],
): OfferResult[] {
  const items = evaluatedItems(snapshot);
  const byOffer = new Map<string, Map<string, StoredConsensus>>();
  for (const c of consensus) {
    if (!byOffer.has(c.offerId)) byOffer.set(c.offerId, new Map());
    byOffer.get(c.offerId)!.set(c.itemId, c);
  }
  const results = offers.map((offer): OfferResult => {
    const given = byOffer.get(offer.id) ?? new Map<string, StoredConsensus>();
    const points = new Map([...given].map(([k, c]) => [k, c.points]));
    const { total, complete } = weightedTotal(items, points);
    return {
      offerId: offer.id,
      bidderName: offer.bidderName,
      cvr: offer.cvr,
      conformity: offer.conformity,
      flaggedRows: (offer.report?.rows ?? []).filter((r) => r.flags.length),
      scores: items.map((i) => ({
        itemId: i.id,
        key: i.key,
        version: i.version,
        title: i.title,
        weight: i.weight,
        points: given.get(i.id)?.points ?? null,
        reason: given.get(i.id)?.reason ?? null,
      })),
      complete,
      weightedTotal: total,
      rank: null,
    };
  });
  rankOffers(results);
  return results;
}

export type { EvaluationModel };
