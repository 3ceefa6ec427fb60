import type { Conformity } from './model.js';

/** One evaluator's points for a cell. */
export interface EvaluatorScoreView {
  evaluatorId: string;
  evaluatorName: string;
  points: number;
  reason: string;
  updatedAt: string;
}

export interface ConsensusView {
  points: number;
  reason: string;
  setBy: string;
  setAt: string;
}

/** One offer × EK cell of the scoring matrix. */
export interface ScoreCellView {
  offerId: string;
  itemId: string;
  /** Every evaluator's points and reason, by evaluator name. */
  scores: EvaluatorScoreView[];
  /** Highest minus lowest evaluator points; null before anyone scored. */
  spread: number | null;
  /** The evaluators gave different points. */
  differs: boolean;
  consensus: ConsensusView | null;
}

export interface ScoringMatrixView {
  scale: { subCriterion: string; min: number; max: number; meaning: Array<{ points: number; meaning: string }>; method: string };
  /** This page of the EKs. */
  items: Array<{ itemId: string; key: string; version: number | null; title: string; weight: number | null }>;
  /** How many EKs the specification has. */
  total: number;
  page: number;
  limit: number;
  offers: Array<{
    offerId: string;
    bidderName: string;
    imported: boolean;
    conformity: Conformity | null;
    complete: boolean;
    weightedTotal: number | null;
    rank: number | null;
  }>;
  cells: ScoreCellView[];
}
