import type { Category, Level, Obligation, RequirementStatus, ContentDiff } from '@kravbank/catalogue';
import type { SnapshotSpecification } from '@kravbank/export';

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
