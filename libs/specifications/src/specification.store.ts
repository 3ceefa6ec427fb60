import type { EntityManager } from 'typeorm';
import type { Obligation } from '@kravbank/catalogue';
import type { AnnexFrontMatter, EvaluationModel, SpecificationSnapshot } from '@kravbank/export';

/** A specification row as stored. */
export interface SpecificationRecord {
  id: string;
  organisation_id: string;
  lineage_id: string;
  revision: number;
  parent_id: string | null;
  title: string;
  procurement_name: string;
  case_number: string | null;
  description: string | null;
  profile_id: string | null;
  status: 'draft' | 'final';
  bank_stamp: string | null;
  /** Only the fields the procurer set; null: every field is the default. */
  evaluation: Partial<EvaluationModel> | null;
  annex: Partial<AnnexFrontMatter> | null;
  sections: string[];
  created_at: Date;
  updated_at: Date;
  finalized_at: Date | null;
}

/** A specification row with the names and the item count its view shows. */
export interface SpecificationListing extends SpecificationRecord {
  organisation_name: string;
  created_by_name: string;
  updated_by_name: string;
  finalized_by_name: string | null;
  item_count: number;
}

export interface NewSpecification {
  organisationId: string;
  title: string;
  procurementName: string;
  caseNumber: string | null;
  description: string | null;
  profileId: string | null;
  userId: string;
}

/** The fields of a specification an edit changes; a field left out keeps its value. */
export interface SpecificationChange {
  title?: string;
  procurementName?: string;
  caseNumber?: string | null;
  description?: string | null;
  /** The whole stored object: only the fields set; null for none. */
  evaluation?: Partial<EvaluationModel> | null;
  annex?: Partial<AnnexFrontMatter> | null;
  sections?: string[];
}

/** A bank or local item ready to insert. */
export interface NewItem {
  source: 'bank' | 'local';
  requirementKey: string | null;
  version: number | null;
  localRef: string | null;
  localTitle: string | null;
  localStatement: string | null;
  obligation: Obligation;
  weight: number | null;
  note: string | null;
  section: string | null;
  position: number | null;
}

/** An item's own columns as stored. */
export interface StoredItem {
  id: string;
  position: number;
  section: string | null;
  source: 'bank' | 'local';
  requirement_key: string | null;
  local_ref: string | null;
  version: number | null;
  local_title: string | null;
  local_statement: string | null;
  obligation: Obligation;
  weight: number | null;
  note: string | null;
  answer_mode: 'confirm' | 'describe' | null;
}

/** The new values of an item's editable columns; null local text keeps the stored text. */
export interface ItemChange {
  obligation: Obligation;
  weight: number | null;
  note: string | null;
  section: string | null;
  position: number;
  localTitle: string | null;
  localStatement: string | null;
  answerMode: 'confirm' | 'describe' | null;
}

/** A bank item's pin, with the specification it belongs to. */
export interface ItemPin {
  specificationId: string;
  id: string;
  key: string;
  version: number;
}

/**
 * Every statement on the specification tables. Injected by this abstract class as its token
 * (bound to the pool); `within(manager)` binds it to one transaction. Organisation scoping is
 * the caller's rule: the methods that take an organisation id apply it.
 */
export abstract class SpecificationStore {
  abstract within(manager: EntityManager): SpecificationStore;

  abstract insert(s: NewSpecification): Promise<string>;
  /** One page of the organisation's specification ids, newest change first, and how many there are. */
  abstract listIds(
    organisationId: string,
    status: 'draft' | 'final' | undefined,
    page: number,
    limit: number,
  ): Promise<{ ids: string[]; total: number }>;
  /** The organisation's specifications among these ids, with names and item counts. */
  abstract findListings(ids: string[], organisationId: string): Promise<SpecificationListing[]>;
  /** Reads the organisation's specification and locks its row until the transaction ends. */
  abstract lock(id: string, organisationId: string): Promise<SpecificationRecord | null>;
  abstract update(id: string, change: SpecificationChange): Promise<void>;
  abstract delete(id: string): Promise<void>;
  /** Marks a draft as changed now by this user. */
  abstract touch(id: string, userId: string): Promise<void>;
  abstract latestRevision(lineageId: string): Promise<number>;
  /** A new draft revision of a specification with copies of its items; returns its id. */
  abstract insertRevision(fromId: string, userId: string): Promise<string>;
  abstract finalize(
    id: string,
    f: { finalizedAt: string; userId: string; bankStamp: string; snapshot: SpecificationSnapshot },
  ): Promise<void>;
  abstract finalSnapshot(id: string): Promise<SpecificationSnapshot>;

  abstract insertItems(specificationId: string, items: Array<NewItem & { position: number }>): Promise<string[]>;
  abstract itemStats(specificationId: string): Promise<{ count: number; maxPosition: number }>;
  abstract itemRefs(specificationId: string): Promise<Array<{ requirement_key: string | null; local_ref: string | null }>>;
  /** Reads the item and locks its row until the transaction ends. */
  abstract lockItem(specificationId: string, itemId: string): Promise<StoredItem | null>;
  abstract updateItem(itemId: string, change: ItemChange): Promise<void>;
  abstract deleteItem(itemId: string): Promise<void>;
  abstract setItemVersion(itemId: string, version: number): Promise<void>;
  /** Items in document order (position, then creation), one page. */
  abstract listItems(specificationId: string, page: number, limit: number): Promise<StoredItem[]>;
  /** Every item of the specification, in document order. */
  abstract allItems(specificationId: string): Promise<StoredItem[]>;
  abstract findItems(ids: string[]): Promise<StoredItem[]>;
  abstract findItem(organisationId: string, specificationId: string, itemId: string): Promise<StoredItem | null>;
  /** The bank items of these specifications, in document order; `lock` locks their rows. */
  abstract bankPins(specificationIds: string[], opts?: { lock?: boolean }): Promise<ItemPin[]>;
}
