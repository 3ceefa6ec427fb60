import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit, stateHash, type AuditInput } from '@kravbank/audit';
import { conflict, invalid, isoOrNull, notFound, type Page } from '@kravbank/common';
import { CatalogueRepository, contentOf, changedFields, diffContent, pinKey, type RequirementHead } from '@kravbank/catalogue';
import { AnnexRenderer, contentFingerprint, type RenderedExport, type SpecificationSnapshot } from '@kravbank/export';
import type { Principal } from '@kravbank/identity';
import type {
  AddItemDto,
  CreateSpecificationDto,
  ExportQueryDto,
  FinalizeDto,
  SpecificationListQueryDto,
  UpdateItemDto,
  UpdateSpecificationDto,
} from './dto.js';
import {
  checkItemLimit,
  existingItems,
  isOutdated,
  itemChange,
  placeItems,
  resolveItems,
  specificationChange,
  toCheckItem,
  toItemView,
} from './item-rules.js';
import { settingsView } from './annex-settings.js';
import { checkSpecification } from './checks.js';
import { buildSnapshot, currentBankStamp } from './snapshot.builder.js';
import {
  SpecificationStore,
  type ItemPin,
  type SpecificationListing,
  type SpecificationRecord,
  type StoredItem,
} from './specification.store.js';
import type { CheckWarningView, ItemView, SpecificationView, UpdateView } from './views.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A transaction's view of the specification tables and the catalogue. */
interface Tx {
  manager: EntityManager;
  store: SpecificationStore;
  catalogue: CatalogueRepository;
}

type Upgraded = { itemId: string; requirementKey: string; from: number; to: number };

/**
 * A municipality's specifications: the rules (draft-only edits, the item limit, organisation
 * scoping, the audit trail). Every read is scoped by the caller's organisation: another
 * organisation's specification does not exist for the caller (404). The statements live in
 * the SpecificationStore; the bank is read through the catalogue's repository.
 */
@Injectable()
export class SpecificationsService {
  /** Final snapshots by specification id (they never change), the latest few. */
  private readonly finalSnapshots = new Map<string, SpecificationSnapshot>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: SpecificationStore,
    private readonly catalogue: CatalogueRepository,
    private readonly renderer: AnnexRenderer,
  ) {}

  // ---- specifications ---------------------------------------------------------------------

  async create(user: Principal, dto: CreateSpecificationDto): Promise<SpecificationView> {
    const id = await this.transaction(async ({ manager, store, catalogue }) => {
      const selection = dto.profileId ? await catalogue.findProfileSelection(dto.profileId) : null;
      if (dto.profileId && !selection) throw invalid('profileId', `there is no profile '${dto.profileId}'`);
      const specId = await store.insert({
        organisationId: user.organisationId,
        title: dto.title.trim(),
        procurementName: dto.procurementName.trim(),
        caseNumber: dto.caseNumber?.trim() || null,
        description: dto.description?.trim() || null,
        profileId: dto.profileId ?? null,
        userId: user.id,
      });
      let added = 0;
      if (selection) {
        // The profile's requirements at their current versions, with the obligation it suggests; retired ones are left out.
        const ids = await store.insertItems(
          specId,
          selection.map((p) => ({
            source: 'bank' as const,
            requirementKey: p.key,
            version: p.version,
            localRef: null,
            localTitle: null,
            localStatement: null,
            obligation: p.obligation,
            weight: null,
            note: null,
            section: null,
            position: (p.position + 1) * 10,
          })),
        );
        added = ids.length;
      }
      await appendAudit(manager, [
        this.audit(user, specId, 'created', { title: dto.title, profileId: dto.profileId ?? null, items: added }),
      ]);
      return specId;
    });
    return this.get(user, id);
  }

  async list(user: Principal, q: SpecificationListQueryDto): Promise<Page<SpecificationView>> {
    const { ids, total } = await this.store.listIds(user.organisationId, q.status, q.page, q.limit);
    return { items: await this.views(user, ids), total, page: q.page, limit: q.limit };
  }

  async get(user: Principal, id: string): Promise<SpecificationView> {
    const [view] = await this.views(user, UUID.test(id) ? [id] : []);
    if (!view) throw notFound('specification', id);
    return view;
  }

  async update(user: Principal, id: string, dto: UpdateSpecificationDto): Promise<SpecificationView> {
    await this.write(user, id, async ({ store }, spec) => {
      await store.update(spec.id, specificationChange(dto, spec));
      return [this.audit(user, spec.id, 'updated', { fields: Object.keys(dto) })];
    });
    return this.get(user, id);
  }

  async remove(user: Principal, id: string): Promise<void> {
    await this.write(user, id, async ({ store }, spec) => {
      await store.delete(spec.id);
      return [this.audit(user, spec.id, 'deleted', { title: spec.title, revision: spec.revision })];
    });
  }

  /** The warnings of the checks before finalizing, in item order, then those about the whole specification. */
  async checks(user: Principal, id: string, page: number, limit: number): Promise<Page<CheckWarningView>> {
    const spec = await this.get(user, id);
    const warnings = await this.warnings(this.store, this.catalogue, spec.id, spec.sections);
    return { items: warnings.slice((page - 1) * limit, page * limit), total: warnings.length, page, limit };
  }

  /**
   * Freezes the specification and the snapshot every later export renders, byte for byte. Open
   * warnings of the checks refuse it (409 warnings_not_acknowledged, listing them) unless the
   * procurer acknowledges them; the acknowledged warnings are recorded in the audit trail.
   */
  async finalize(user: Principal, id: string, dto: FinalizeDto = {}): Promise<SpecificationView> {
    const draft = await this.get(user, id);
    await this.write(
      user,
      id,
      async ({ store, catalogue }, spec) => {
        const { count } = await store.itemStats(spec.id);
        if (!count) throw conflict('specification_empty', 'An empty specification cannot be finalized: add requirements first.');
        const warnings = await this.warnings(store, catalogue, spec.id, spec.sections);
        if (warnings.length && dto.acknowledgeWarnings !== true)
          throw conflict(
            'warnings_not_acknowledged',
            `The checks give ${warnings.length} warning(s): correct them, or finalize with acknowledgeWarnings: true.`,
            { warnings },
          );
        const finalizedAt = new Date().toISOString();
        const bankStamp = await currentBankStamp(catalogue);
        // The row is locked, so the items read here are the ones that are frozen.
        const snapshot = await buildSnapshot(store, catalogue, {
          ...draft,
          status: 'final',
          finalizedAt,
          updatedAt: finalizedAt,
          bankStamp,
        });
        await store.finalize(spec.id, { finalizedAt, userId: user.id, bankStamp, snapshot });
        return [
          this.audit(user, spec.id, 'finalized', {
            items: count,
            bankStamp,
            snapshotHash: stateHash(snapshot),
            acknowledgedWarnings: warnings,
          }),
        ];
      },
      { touch: false },
    );
    return this.get(user, id);
  }

  /** A new draft revision of a final specification, with the same items pinned to the same versions. */
  async newRevision(user: Principal, id: string): Promise<SpecificationView> {
    const newId = await this.transaction(async ({ manager, store }) => {
      const spec = await this.lockSpec(store, user, id);
      if (spec.status !== 'final')
        throw conflict('specification_not_final', 'Only a final specification gets a new revision; a draft can simply be changed.');
      const latestRevision = await store.latestRevision(spec.lineage_id);
      if (latestRevision !== spec.revision)
        throw conflict('newer_revision_exists', `Revision ${latestRevision} of this specification already exists.`, { latestRevision });
      const createdId = await store.insertRevision(spec.id, user.id);
      await appendAudit(manager, [this.audit(user, createdId, 'revision_started', { from: spec.id, revision: spec.revision + 1 })]);
      return createdId;
    });
    return this.get(user, newId);
  }

  // ---- items --------------------------------------------------------------------------------

  async items(user: Principal, id: string, page: number, limit: number): Promise<Page<ItemView>> {
    // Only the organisation check and the count: a page of items needs no newer-versions count of the whole specification.
    const [spec] = UUID.test(id) ? await this.store.findListings([id], user.organisationId) : [];
    if (!spec) throw notFound('specification', id);
    return { items: await this.itemViews(await this.store.listItems(spec.id, page, limit)), total: spec.item_count, page, limit };
  }

  async addItem(user: Principal, id: string, dto: AddItemDto): Promise<ItemView> {
    const [itemId] = await this.addMany(user, id, [dto], '');
    return this.item(user.organisationId, id, itemId);
  }

  /** Adds all or none: one bad item refuses the whole request and names it. */
  async addItems(user: Principal, id: string, items: AddItemDto[]): Promise<{ added: number; items: ItemView[] }> {
    const ids = await this.addMany(user, id, items, 'items.');
    return { added: ids.length, items: await this.itemViews(await this.store.findItems(ids)) };
  }

  async updateItem(user: Principal, id: string, itemId: string, dto: UpdateItemDto): Promise<ItemView> {
    await this.write(user, id, async ({ store }, spec) => {
      const item = await this.lockItem(store, spec.id, itemId);
      await store.updateItem(item.id, itemChange(item, dto));
      return [
        this.audit(user, spec.id, 'item_updated', { itemId: item.id, requirementKey: item.requirement_key, fields: Object.keys(dto) }),
      ];
    });
    return this.item(user.organisationId, id, itemId);
  }

  async removeItem(user: Principal, id: string, itemId: string): Promise<void> {
    await this.write(user, id, async ({ store }, spec) => {
      const item = await this.lockItem(store, spec.id, itemId);
      await store.deleteItem(item.id);
      return [
        this.audit(user, spec.id, 'item_removed', { itemId: item.id, requirementKey: item.requirement_key, localRef: item.local_ref }),
      ];
    });
  }

  // ---- newer versions -----------------------------------------------------------------------

  async updates(user: Principal, id: string, page: number, limit: number): Promise<Page<UpdateView>> {
    const spec = await this.get(user, id);
    const outdated = await this.outdatedPins(this.store, this.catalogue, [spec.id]);
    const items = await Promise.all(
      outdated.slice((page - 1) * limit, page * limit).map(async ({ pin, head }): Promise<UpdateView> => {
        const newer = head.currentVersion > pin.version;
        const diff = newer
          ? diffContent(
              contentOf((await this.catalogue.findVersion(pin.key, pin.version))!),
              contentOf((await this.catalogue.findVersion(pin.key, head.currentVersion))!),
            )
          : null;
        return {
          itemId: pin.id,
          requirementKey: pin.key,
          pinnedVersion: pin.version,
          currentVersion: head.currentVersion,
          retired: head.status === 'retired',
          changed: diff ? changedFields(diff) : [],
          diff,
        };
      }),
    );
    return { items, total: outdated.length, page, limit };
  }

  async upgradeItem(user: Principal, id: string, itemId: string): Promise<ItemView> {
    await this.write(user, id, async (tx, spec) => {
      const item = await this.lockItem(tx.store, spec.id, itemId);
      if (item.source !== 'bank') throw conflict('not_a_bank_item', 'A local requirement has no bank versions.');
      const r = (await tx.catalogue.findRequirementHead(item.requirement_key!))!;
      if (r.status === 'retired') throw conflict('requirement_retired', `${item.requirement_key} is retired: remove it or replace it.`);
      if (r.currentVersion === item.version)
        throw conflict('already_current', `${item.requirement_key} is already pinned to the current version ${item.version}.`);
      return [
        await this.upgrade(tx, user, spec.id, { id: item.id, key: item.requirement_key!, from: item.version!, to: r.currentVersion }),
      ];
    });
    return this.item(user.organisationId, id, itemId);
  }

  async upgradeAll(user: Principal, id: string): Promise<{ upgraded: Upgraded[]; retired: string[] }> {
    let result: { upgraded: Upgraded[]; retired: string[] } = { upgraded: [], retired: [] };
    await this.write(user, id, async (tx, spec) => {
      const outdated = await this.outdatedPins(tx.store, tx.catalogue, [spec.id], { lock: true });
      const audit: AuditInput[] = [];
      result = { upgraded: [], retired: outdated.filter((o) => o.head.status === 'retired').map((o) => o.pin.key) };
      for (const { pin, head } of outdated.filter((o) => o.head.status === 'active')) {
        const u = { id: pin.id, key: pin.key, from: pin.version, to: head.currentVersion };
        audit.push(await this.upgrade(tx, user, spec.id, u));
        result.upgraded.push({ itemId: u.id, requirementKey: u.key, from: u.from, to: u.to });
      }
      return audit;
    });
    return result;
  }

  // ---- export -------------------------------------------------------------------------------

  async export(user: Principal, id: string, q: ExportQueryDto): Promise<{ file: RenderedExport; fingerprint: string; final: boolean }> {
    const spec = await this.get(user, id);
    const snapshot: SpecificationSnapshot =
      spec.status === 'final' ? await this.store.finalSnapshot(spec.id) : await buildSnapshot(this.store, this.catalogue, spec);
    const file = await this.renderer.render(snapshot, q.format, q.edition);
    return { file, fingerprint: file.fingerprint ?? contentFingerprint(snapshot, q.edition), final: spec.status === 'final' };
  }

  /**
   * The frozen snapshot of the caller's final specification, as every export of it renders it
   * (404 for another organisation's, 409 for a draft): what offers on it are checked against.
   * A final snapshot never changes (a trigger refuses it), so the latest few are kept in memory;
   * the organisation is checked on every call.
   */
  async finalSnapshot(
    user: Principal,
    id: string,
  ): Promise<{ specification: { id: string; revision: number }; snapshot: SpecificationSnapshot }> {
    const [row] = UUID.test(id) ? await this.store.findListings([id], user.organisationId) : [];
    if (!row) throw notFound('specification', id);
    if (row.status !== 'final')
      throw conflict('specification_not_final', 'Offers are received on a final specification: finalize it first.');
    let snapshot = this.finalSnapshots.get(row.id);
    if (!snapshot) {
      snapshot = await this.store.finalSnapshot(row.id);
      this.finalSnapshots.set(row.id, snapshot);
      if (this.finalSnapshots.size > 32) this.finalSnapshots.delete(this.finalSnapshots.keys().next().value!);
    }
    return { specification: { id: row.id, revision: row.revision }, snapshot };
  }

  // ---- helpers --------------------------------------------------------------------------------

  private transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction((manager) =>
      work({ manager, store: this.store.within(manager), catalogue: this.catalogue.within(manager) }),
    );
  }

  private audit(user: Principal, specificationId: string, action: string, data: Record<string, unknown>): AuditInput {
    return {
      actorId: user.id,
      action: `specification.${action}`,
      entityType: 'specification',
      entityId: specificationId,
      afterHash: stateHash(data),
      data,
    };
  }

  private async upgrade(
    tx: Tx,
    user: Principal,
    specificationId: string,
    u: { id: string; key: string; from: number; to: number },
  ): Promise<AuditInput> {
    await tx.store.setItemVersion(u.id, u.to);
    const versions = await tx.catalogue.findVersions([
      { key: u.key, version: u.from },
      { key: u.key, version: u.to },
    ]);
    const hashOf = (v: number) => versions.get(pinKey(u.key, v))?.contentHash ?? null;
    return {
      actorId: user.id,
      action: 'specification.item_upgraded',
      entityType: 'specification',
      entityId: specificationId,
      beforeHash: hashOf(u.from),
      afterHash: hashOf(u.to),
      data: { itemId: u.id, requirementKey: u.key, from: u.from, to: u.to },
    };
  }

  /** The bank items of these specifications whose pinned version is outdated or retired, in document order. */
  private async outdatedPins(
    store: SpecificationStore,
    catalogue: CatalogueRepository,
    specificationIds: string[],
    opts: { lock?: boolean } = {},
  ): Promise<Array<{ pin: ItemPin; head: RequirementHead }>> {
    const pins = await store.bankPins(specificationIds, opts);
    const heads = await catalogue.findHeads(pins.map((p) => p.key));
    return pins.map((pin) => ({ pin, head: heads.get(pin.key)! })).filter(({ pin, head }) => head && isOutdated(pin.version, head));
  }

  /** Locks the caller's own specification for a change: 404 for another organisation's, 409 when final. */
  private async write(
    user: Principal,
    id: string,
    work: (tx: Tx, spec: SpecificationRecord) => Promise<AuditInput[]>,
    opts: { touch?: boolean } = {},
  ): Promise<void> {
    await this.transaction(async (tx) => {
      const spec = await this.lockSpec(tx.store, user, id);
      if (spec.status === 'final') {
        throw conflict(
          'specification_final',
          `Revision ${spec.revision} is final and cannot change: start a new revision (POST /api/specifications/${spec.id}/revisions).`,
        );
      }
      const audit = await work(tx, spec);
      if (opts.touch !== false) await tx.store.touch(spec.id, user.id);
      await appendAudit(tx.manager, audit);
    });
  }

  private async lockSpec(store: SpecificationStore, user: Principal, id: string): Promise<SpecificationRecord> {
    if (!UUID.test(id)) throw notFound('specification', id);
    const spec = await store.lock(id, user.organisationId);
    if (!spec) throw notFound('specification', id);
    return spec;
  }

  private async lockItem(store: SpecificationStore, specificationId: string, itemId: string): Promise<StoredItem> {
    if (!UUID.test(itemId)) throw notFound('specification_item', itemId);
    const item = await store.lockItem(specificationId, itemId);
    if (!item) throw notFound('specification_item', itemId);
    return item;
  }

  private async item(organisationId: string, specificationId: string, itemId: string): Promise<ItemView> {
    const row = await this.store.findItem(organisationId, specificationId, itemId);
    if (!row) throw notFound('specification_item', itemId);
    return (await this.itemViews([row]))[0];
  }

  /** The checks' warnings on the stored items (inside a transaction: on its connection and locks). */
  private async warnings(
    store: SpecificationStore,
    catalogue: CatalogueRepository,
    specificationId: string,
    sections: string[],
  ): Promise<CheckWarningView[]> {
    const items = await this.itemViews(await store.allItems(specificationId), catalogue);
    const keys = new Map(items.map((i) => [i.id, i.requirementKey ?? i.localRef]));
    return checkSpecification({ items: items.map(toCheckItem), sections }).map((w) => ({
      code: w.code,
      itemId: w.itemId,
      itemKey: w.itemId ? (keys.get(w.itemId) ?? null) : null,
      message: w.message,
    }));
  }

  /** Stored items with the bank's current state and their pinned text. */
  private async itemViews(items: StoredItem[], catalogue: CatalogueRepository = this.catalogue): Promise<ItemView[]> {
    const pins = items.filter((i) => i.source === 'bank').map((i) => ({ key: i.requirement_key!, version: i.version! }));
    const texts = await catalogue.findPinnedTexts(pins);
    return items.map((i) => toItemView(i, i.source === 'bank' ? texts.get(pinKey(i.requirement_key!, i.version!)) : undefined));
  }

  private async addMany(user: Principal, id: string, dtos: AddItemDto[], prefix: string): Promise<string[]> {
    let ids: string[] = [];
    await this.write(user, id, async ({ store, catalogue }, spec) => {
      const keys = [...new Set(dtos.filter((d) => d.requirementKey).map((d) => d.requirementKey!.toUpperCase()))];
      const bank = await catalogue.findPinOptions(keys);
      const items = resolveItems(dtos, prefix, bank, existingItems(await store.itemRefs(spec.id)));
      const { count, maxPosition } = await store.itemStats(spec.id);
      checkItemLimit(prefix ? 'items' : 'requirementKey', count, items.length);
      ids = await store.insertItems(spec.id, placeItems(items, maxPosition));
      return [this.audit(user, spec.id, 'items_added', { count: items.length, keys: items.map((i) => i.requirementKey ?? i.localRef) })];
    });
    return ids;
  }

  private async views(user: Principal, ids: string[]): Promise<SpecificationView[]> {
    if (!ids.length) return [];
    const rows = await this.store.findListings(ids, user.organisationId);
    const outdated = await this.outdatedPins(
      this.store,
      this.catalogue,
      rows.map((r) => r.id),
    );
    const updates = new Map<string, number>();
    for (const { pin } of outdated) updates.set(pin.specificationId, (updates.get(pin.specificationId) ?? 0) + 1);
    const byId = new Map(rows.map((r) => [r.id, toSpecificationView(r, updates.get(r.id) ?? 0)]));
    return ids.map((id) => byId.get(id)).filter((v): v is SpecificationView => !!v);
  }
}

function toSpecificationView(r: SpecificationListing, updatesAvailable: number): SpecificationView {
  return {
    id: r.id,
    title: r.title,
    procurementName: r.procurement_name,
    caseNumber: r.case_number,
    description: r.description,
    status: r.status,
    revision: r.revision,
    lineageId: r.lineage_id,
    parentId: r.parent_id,
    profileId: r.profile_id,
    organisation: { id: r.organisation_id, name: r.organisation_name },
    createdBy: r.created_by_name,
    updatedBy: r.updated_by_name,
    createdAt: isoOrNull(r.created_at)!,
    updatedAt: isoOrNull(r.updated_at)!,
    finalizedAt: isoOrNull(r.finalized_at),
    finalizedBy: r.finalized_by_name,
    bankStamp: r.bank_stamp,
    itemCount: r.item_count,
    updatesAvailable,
    ...settingsView(r.evaluation, r.annex),
    sections: r.sections ?? [],
  };
}
