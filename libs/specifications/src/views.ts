import type { Category, Level, Obligation, RequirementStatus, ContentDiff } from '@kravbank/catalogue';
import type { AnnexFrontMatter, EvaluationModel, SnapshotSpecification } from '@kravbank/export';
import type { CheckCode } from './checks.js';

/** What the API shows of a specification: the snapshot's fields and the bookkeeping around them. */
export interface SpecificationView extends SnapshotSpecification {
  lineageId: string;
  parentId: string | null;
  profileId: string | null;
  createdBy: string;
  updatedBy: string;
  finalizedBy: string | null;
  bankStamp: string | null;
  itemCount: number;
  /** Items whose pinned version is behind the bank's current version, or retired. */
  updatesAvailable: number;
  /** The evaluation model the annex prints: the procurer's values, the Danish defaults for the rest. */
  evaluation: EvaluationModel;
  /** The annex front matter the annex prints, defaults filled in the same way. */
  annex: AnnexFrontMatter;
  /** Which of those fields are the defaults (the procurer has not set them), e.g. `evaluation.scaleMax`, `annex.number`. */
  defaultFields: string[];
  /** The sections the specification declares, in order. */
  sections: string[];
}

/** A warning of the checks before finalizing. */
export interface CheckWarningView {
  code: CheckCode;
  /** The item it is about; null for the specification as a whole (weights, an empty section). */
  itemId: string | null;
  /** The item's key (SIK-014) or local reference (LOK-1); null with itemId. */
  itemKey: string | null;
  /** Danish, for the procurer. */
  message: string;
}

export interface ItemView {
  id: string;
  position: number;
  section: string | null;
  source: 'bank' | 'local';
  requirementKey: string | null;
  localRef: string | null;
  version: number | null;
  currentVersion: number | null;
  requirementStatus: RequirementStatus | null;
  newerVersionAvailable: boolean;
  category: Category | null;
  title: string;
  statement: string;
  level: Level | null;
  obligation: Obligation;
  weight: number | null;
  note: string | null;
  /** How a bidder answers this MK, as the procurer set it; null: from the requirement's verification. */
  answerMode: 'confirm' | 'describe' | null;
}

export interface UpdateView {
  itemId: string;
  requirementKey: string;
  pinnedVersion: number;
  currentVersion: number;
  retired: boolean;
  /** What changed from the pinned to the current version; null when retired without a newer version. */
  changed: string[];
  diff: ContentDiff | null;
}
