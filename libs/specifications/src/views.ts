import type { Category, Level, Obligation, RequirementStatus } from '../../catalogue/src/model.js';
import type { ContentDiff } from '../../catalogue/src/diff.js';

export interface SpecificationView {
  id: string;
  title: string;
  procurementName: string;
  caseNumber: string | null;
  description: string | null;
  status: 'draft' | 'final';
  revision: number;
  lineageId: string;
  parentId: string | null;
  profileId: string | null;
  organisation: { id: string; name: string };
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
  finalizedAt: string | null;
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
