import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit, stateHash, type AuditInput } from '@kravbank/audit';
import { conflict, invalid, notFound, type Page } from '@kravbank/common';
import { CatalogueRepository, contentOf, changedFields, diffContent, type Obligation } from '@kravbank/catalogue';
import { returningRows, SqlFilter } from '@kravbank/database';
import { AnnexRenderer, contentFingerprint, type RenderedExport, type SpecificationSnapshot } from '@kravbank/export';
import type { Principal } from '@kravbank/identity';
import type {
  AddItemDto,
  CreateSpecificationDto,
  ExportQueryDto,
  SpecificationListQueryDto,
  UpdateItemDto,
  UpdateSpecificationDto,
} from './dto.js';
import { MAX_ITEMS } from './dto.js';
import { buildSnapshot, currentBankStamp } from './snapshot.builder.js';
import type { ItemView, SpecificationView, UpdateView } from './views.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

interface SpecRow {
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
  created_at: Date;
  updated_at: Date;
  finalized_at: Date | null;
}

/** A bank or local item ready to insert. */
interface NewItem {
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

const ITEM_SQL = `
  SELECT i.id, i.position, i.section, i.source, i.requirement_key, i.local_ref, i.version, i.obligation, i.weight, i.note,
         r.current_version, r.status AS requirement_status, r.category,
         COALESCE(v.title, i.local_title) AS title, COALESCE(v.statement, i.local_statement) AS statement, v.level
    FROM specification_item i
    LEFT JOIN requirement r ON r.key = i.requirement_key
    LEFT JOIN requirement_version v ON v.requirement_key = i.requirement_key AND v.version = i.version`;

/** A stored item's own columns. */
interface StoredItemRow {
  id: string;
  position: number;
  section: string | null;
  source: 'bank' | 'local';
  requirement_key: string | null;
  local_ref: string | null;
  version: number | null;
  obligation: Obligation;
  weight: number | null;
  note: string | null;
}

/** A stored item joined with the bank's current state and its pinned text. */
interface ItemRow extends StoredItemRow {
  current_version: number | null;
  requirement_status: ItemView['requirementStatus'];
  category: ItemView['category'];
  title: string;
  statement: string;
  level: ItemView['level'];
}

const toItem = (r: ItemRow): ItemView => ({
  id: r.id,
  position: r.position,
  section: r.section,
  source: r.source,
  requirementKey: r.requirement_key,
  localRef: r.local_ref,
  version: r.version,
  currentVersion: r.current_version,
  requirementStatus: r.requirement_status,
  newerVersionAvailable: r.source === 'bank' && r.current_version !== null && r.version !== null && r.current_version > r.version,
  category: r.category,
  title: r.title,
  statement: r.statement,
  level: r.level,
  obligation: r.obligation,
  weight: r.weight,
  note: r.note,
});

/**
 * A municipality's specifications. Every query is scoped by the caller's organisation:
 * another organisation's specification does not exist for the caller (404).
 */
@Injectable()
export class SpecificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogue: CatalogueRepository,
    private readonly renderer: AnnexRenderer,
  ) {}

  // ---- specifications ---------------------------------------------------------------------

  async create(user: Principal, dto: CreateSpecificationDto): Promise<SpecificationView> {
    const id = await this.db.transaction(async (m) => {
      if (dto.profileId) {
        const [profile] = await m.query(`SELECT id FROM profile WHERE id = $1`, [dto.profileId]);
        if (!profile) throw invalid('profileId', `there is no profile '${dto.profileId}'`);
      }
      const [spec] = await m.query(
        `INSERT INTO specification (id, organisation_id, lineage_id, title, procurement_name, case_number, description, profile_id, created_by, updated_by)
         SELECT g.id, $1, g.id, $2, $3, $4, $5, $6, $7, $7 FROM (SELECT gen_random_uuid() AS id) g RETURNING id`,
        [
          user.organisationId,
          dto.title.trim(),
          dto.procurementName.trim(),
          dto.caseNumber?.trim() || null,
          dto.description?.trim() || null,
          dto.profileId ?? null,
          user.id,
        ],
      );
      let added = 0;
      if (dto.profileId) {
        // The profile's requirements at their current versions, with the obligation it suggests; retired ones are left out.
        const rows = await m.query(
          `INSERT INTO specification_item (specification_id, position, source, requirement_key, version, obligation)
           SELECT $1, (p.position + 1) * 10, 'bank', r.key, r.current_version, p.obligation
             FROM profile_item p JOIN requirement r ON r.key = p.requirement_key
            WHERE p.profile_id = $2 AND r.status = 'active' RETURNING id`,
          [spec.id, dto.profileId],
        );
        added = rows.length;
      }
      await appendAudit(m, [this.audit(user, spec.id, 'created', { title: dto.title, profileId: dto.profileId ?? null, items: added })]);
      return spec.id as string;
    });
    return this.get(user, id);
  }

  async list(user: Principal, q: SpecificationListQueryDto): Promise<Page<SpecificationView>> {
    const filter = new SqlFilter().always('s.organisation_id = ?', user.organisationId).when(q.status, 's.status = ?');
    const [{ n }] = await this.db.query(`SELECT count(*) AS n FROM specification s ${filter.sql}`, filter.params);
    const ids: Array<{ id: string }> = await this.db.query(
      `SELECT s.id FROM specification s ${filter.sql} ORDER BY s.updated_at DESC, s.id LIMIT ${filter.param(q.limit)} OFFSET ${filter.param((q.page - 1) * q.limit)}`,
      filter.params,
    );
    return {
      items: await this.views(
        user,
        ids.map((r) => r.id),
      ),
      total: Number(n),
      page: q.page,
      limit: q.limit,
    };
  }

  async get(user: Principal, id: string): Promise<SpecificationView> {
    const [view] = await this.views(user, UUID.test(id) ? [id] : []);
    if (!view) throw notFound('specification', id);
    return view;
  }

  async update(user: Principal, id: string, dto: UpdateSpecificationDto): Promise<SpecificationView> {
    await this.write(user, id, async (m, spec) => {
      const fields: Record<string, unknown> = {};
      if (dto.title !== undefined) fields.title = dto.title.trim();
      if (dto.procurementName !== undefined) fields.procurement_name = dto.procurementName.trim();
      if (dto.caseNumber !== undefined) fields.case_number = dto.caseNumber?.trim() || null;
      if (dto.description !== undefined) fields.description = dto.description?.trim() || null;
      const columns = Object.keys(fields);
      if (!columns.length) throw invalid('(body)', 'give at least one of title, procurementName, caseNumber, description');
      await m.query(`UPDATE specification SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [
        spec.id,
        ...columns.map((c) => fields[c]),
      ]);
      return [this.audit(user, spec.id, 'updated', { fields: Object.keys(dto) })];
    });
    return this.get(user, id);
  }

  async remove(user: Principal, id: string): Promise<void> {
    await this.write(user, id, async (m, spec) => {
      await m.query(`DELETE FROM specification WHERE id = $1`, [spec.id]);
      return [this.audit(user, spec.id, 'deleted', { title: spec.title, revision: spec.revision })];
    });
  }

  /** Freezes the specification and the snapshot every later export renders, byte for byte. */
  async finalize(user: Principal, id: string): Promise<SpecificationView> {
    const draft = await this.get(user, id);
    await this.write(
      user,
      id,
      async (m, spec) => {
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM specification_item WHERE specification_id = $1`, [spec.id]);
        if (!n) throw conflict('specification_empty', 'An empty specification cannot be finalized: add requirements first.');
        const finalizedAt = new Date().toISOString();
        const bankStamp = await currentBankStamp(m);
        // The row is locked, so the items read here are the ones that are frozen.
        const snapshot = await buildSnapshot(m, { ...draft, status: 'final', finalizedAt, updatedAt: finalizedAt, bankStamp });
        await m.query(
          `UPDATE specification SET status = 'final', finalized_at = $2, finalized_by = $3, bank_stamp = $4, final_snapshot = $5, updated_by = $3, updated_at = $2 WHERE id = $1`,
          [spec.id, finalizedAt, user.id, bankStamp, JSON.stringify(snapshot)],
        );
        return [this.audit(user, spec.id, 'finalized', { items: n, bankStamp, snapshotHash: stateHash(snapshot) })];
      },
      { touch: false },
    );
    return this.get(user, id);
  }

  /** A new draft revision of a final specification, with the same items pinned to the same versions. */
  async newRevision(user: Principal, id: string): Promise<SpecificationView> {
    const newId = await this.db.transaction(async (m) => {
      const spec = await this.lockSpec(m, user, id);
      if (spec.status !== 'final')
        throw conflict('specification_not_final', 'Only a final specification gets a new revision; a draft can simply be changed.');
      const [latest] = await m.query(`SELECT max(revision) AS revision FROM specification WHERE lineage_id = $1`, [spec.lineage_id]);
      if (latest.revision !== spec.revision)
        throw conflict('newer_revision_exists', `Revision ${latest.revision} of this specification already exists.`, {
          latestRevision: latest.revision,
        });
      const [created] = await m.query(
        `INSERT INTO specification (organisation_id, lineage_id, revision, parent_id, title, procurement_name, case_number, description, profile_id, created_by, updated_by)
         SELECT organisation_id, lineage_id, revision + 1, id, title, procurement_name, case_number, description, profile_id, $2, $2 FROM specification WHERE id = $1 RETURNING id`,
        [spec.id, user.id],
      );
      await m.query(
        `INSERT INTO specification_item (specification_id, position, section, source, requirement_key, version, local_ref, local_title, local_statement, obligation, weight, note)
         SELECT $2, position, section, source, requirement_key, version, local_ref, local_title, local_statement, obligation, weight, note
           FROM specification_item WHERE specification_id = $1`,
        [spec.id, created.id],
      );
      await appendAudit(m, [this.audit(user, created.id, 'revision_started', { from: spec.id, revision: spec.revision + 1 })]);
      return created.id as string;
    });
    return this.get(user, newId);
  }

  // ---- items --------------------------------------------------------------------------------

  async items(user: Principal, id: string, page: number, limit: number): Promise<Page<ItemView>> {
    const spec = await this.get(user, id);
    const rows = await this.db.query(
      `${ITEM_SQL} WHERE i.specification_id = $1 ORDER BY i.position, i.created_at, i.id LIMIT $2 OFFSET $3`,
      [spec.id, limit, (page - 1) * limit],
    );
    return { items: rows.map(toItem), total: spec.itemCount, page, limit };
  }

  async addItem(user: Principal, id: string, dto: AddItemDto): Promise<ItemView> {
    const [itemId] = await this.addMany(user, id, [dto], '');
    return this.item(user.organisationId, id, itemId);
  }

  /** Adds all or none: one bad item refuses the whole request and names it. */
  async addItems(user: Principal, id: string, items: AddItemDto[]): Promise<{ added: number; items: ItemView[] }> {
    const ids = await this.addMany(user, id, items, 'items.');
    const rows = await this.db.query(`${ITEM_SQL} WHERE i.id = ANY($1) ORDER BY i.position, i.created_at, i.id`, [ids]);
    return { added: ids.length, items: rows.map(toItem) };
  }

  async updateItem(user: Principal, id: string, itemId: string, dto: UpdateItemDto): Promise<ItemView> {
    await this.write(user, id, async (m, spec) => {
      const item = await this.lockItem(m, spec.id, itemId);
      const obligation = dto.obligation ?? item.obligation;
      const weight = dto.weight !== undefined ? dto.weight : obligation === 'minimum' ? null : item.weight;
      if (weight !== null && obligation !== 'evaluated') throw invalid('weight', 'only an evaluated requirement has a weight');
      if (dto.local && item.source !== 'local')
        throw invalid('local', 'only a local requirement has its own text; the bank text is never changed');
      await m.query(
        `UPDATE specification_item SET obligation = $2, weight = $3, note = $4, section = $5, position = $6,
                local_title = COALESCE($7, local_title), local_statement = COALESCE($8, local_statement), updated_at = now()
          WHERE id = $1`,
        [
          item.id,
          obligation,
          weight,
          dto.note !== undefined ? dto.note?.trim() || null : item.note,
          dto.section !== undefined ? dto.section?.trim() || null : item.section,
          dto.position ?? item.position,
          dto.local?.title.trim() ?? null,
          dto.local?.statement.trim() ?? null,
        ],
      );
      return [
        this.audit(user, spec.id, 'item_updated', { itemId: item.id, requirementKey: item.requirement_key, fields: Object.keys(dto) }),
      ];
    });
    return this.item(user.organisationId, id, itemId);
  }

  async removeItem(user: Principal, id: string, itemId: string): Promise<void> {
    await this.write(user, id, async (m, spec) => {
      const item = await this.lockItem(m, spec.id, itemId);
      await m.query(`DELETE FROM specification_item WHERE id = $1`, [item.id]);
      return [
        this.audit(user, spec.id, 'item_removed', { itemId: item.id, requirementKey: item.requirement_key, localRef: item.local_ref }),
      ];
    });
  }

  // ---- newer versions -----------------------------------------------------------------------

  async updates(user: Principal, id: string, page: number, limit: number): Promise<Page<UpdateView>> {
    const spec = await this.get(user, id);
    const where = `i.specification_id = $1 AND i.source = 'bank' AND (r.current_version > i.version OR r.status = 'retired')`;
    const [{ n }] = await this.db.query(
      `SELECT count(*) AS n FROM specification_item i JOIN requirement r ON r.key = i.requirement_key WHERE ${where}`,
      [spec.id],
    );
    const rows: Array<{ id: string; requirement_key: string; version: number; current_version: number; status: string }> =
      await this.db.query(
        `SELECT i.id, i.requirement_key, i.version, r.current_version, r.status FROM specification_item i JOIN requirement r ON r.key = i.requirement_key
        WHERE ${where} ORDER BY i.position, i.created_at, i.id LIMIT $2 OFFSET $3`,
        [spec.id, limit, (page - 1) * limit],
      );
    const items = await Promise.all(
      rows.map(async (r): Promise<UpdateView> => {
        const newer = r.current_version > r.version;
        const diff = newer
          ? diffContent(
              contentOf((await this.catalogue.findVersion(r.requirement_key, r.version))!),
              contentOf((await this.catalogue.findVersion(r.requirement_key, r.current_version))!),
            )
          : null;
        return {
          itemId: r.id,
          requirementKey: r.requirement_key,
          pinnedVersion: r.version,
          currentVersion: r.current_version,
          retired: r.status === 'retired',
          changed: diff ? changedFields(diff) : [],
          diff,
        };
      }),
    );
    return { items, total: Number(n), page, limit };
  }

  async upgradeItem(user: Principal, id: string, itemId: string): Promise<ItemView> {
    await this.write(user, id, async (m, spec) => {
      const item = await this.lockItem(m, spec.id, itemId);
      if (item.source !== 'bank') throw conflict('not_a_bank_item', 'A local requirement has no bank versions.');
      const [r] = await m.query(`SELECT status, current_version FROM requirement WHERE key = $1`, [item.requirement_key]);
      if (r.status === 'retired') throw conflict('requirement_retired', `${item.requirement_key} is retired: remove it or replace it.`);
      if (r.current_version === item.version)
        throw conflict('already_current', `${item.requirement_key} is already pinned to the current version ${item.version}.`);
      return [
        await this.upgrade(m, user, spec.id, { id: item.id, key: item.requirement_key!, from: item.version!, to: r.current_version }),
      ];
    });
    return this.item(user.organisationId, id, itemId);
  }

  async upgradeAll(
    user: Principal,
    id: string,
  ): Promise<{ upgraded: Array<{ itemId: string; requirementKey: string; from: number; to: number }>; retired: string[] }> {
    let result: { upgraded: Array<{ itemId: string; requirementKey: string; from: number; to: number }>; retired: string[] } = {
      upgraded: [],
      retired: [],
    };
    await this.write(user, id, async (m, spec) => {
      const rows: Array<{ id: string; requirement_key: string; version: number; current_version: number; status: string }> = await m.query(
        `SELECT i.id, i.requirement_key, i.version, r.current_version, r.status FROM specification_item i JOIN requirement r ON r.key = i.requirement_key
          WHERE i.specification_id = $1 AND (r.current_version > i.version OR r.status = 'retired') ORDER BY i.position FOR UPDATE OF i`,
        [spec.id],
      );
      const audit: AuditInput[] = [];
      result = { upgraded: [], retired: rows.filter((r) => r.status === 'retired').map((r) => r.requirement_key) };
      for (const r of rows.filter((x) => x.status === 'active')) {
        audit.push(await this.upgrade(m, user, spec.id, { id: r.id, key: r.requirement_key, from: r.version, to: r.current_version }));
        result.upgraded.push({ itemId: r.id, requirementKey: r.requirement_key, from: r.version, to: r.current_version });
      }
      return audit;
    });
    return result;
  }

  // ---- export -------------------------------------------------------------------------------

  async export(user: Principal, id: string, q: ExportQueryDto): Promise<{ file: RenderedExport; fingerprint: string; final: boolean }> {
    const spec = await this.get(user, id);
    const snapshot: SpecificationSnapshot =
      spec.status === 'final'
        ? (await this.db.query(`SELECT final_snapshot FROM specification WHERE id = $1`, [spec.id]))[0].final_snapshot
        : await buildSnapshot(this.db.manager, spec);
    const file = await this.renderer.render(snapshot, q.format, q.edition);
    return { file, fingerprint: file.fingerprint ?? contentFingerprint(snapshot, q.edition), final: spec.status === 'final' };
  }

  // ---- helpers --------------------------------------------------------------------------------

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
    m: EntityManager,
    user: Principal,
    specificationId: string,
    u: { id: string; key: string; from: number; to: number },
  ): Promise<AuditInput> {
    await m.query(`UPDATE specification_item SET version = $2, updated_at = now() WHERE id = $1`, [u.id, u.to]);
    const hashes: Array<{ version: number; content_hash: string }> = await m.query(
      `SELECT version, content_hash FROM requirement_version WHERE requirement_key = $1 AND version = ANY($2)`,
      [u.key, [u.from, u.to]],
    );
    const hashOf = (v: number) => hashes.find((h) => h.version === v)?.content_hash ?? null;
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

  /** Locks the caller's own specification for a change: 404 for another organisation's, 409 when final. */
  private async write(
    user: Principal,
    id: string,
    work: (m: EntityManager, spec: SpecRow) => Promise<AuditInput[]>,
    opts: { touch?: boolean } = {},
  ): Promise<void> {
    await this.db.transaction(async (m) => {
      const spec = await this.lockSpec(m, user, id);
      if (spec.status === 'final') {
        throw conflict(
          'specification_final',
          `Revision ${spec.revision} is final and cannot change: start a new revision (POST /api/specifications/${spec.id}/revisions).`,
        );
      }
      const audit = await work(m, spec);
      if (opts.touch !== false)
        await m.query(`UPDATE specification SET updated_at = now(), updated_by = $2 WHERE id = $1 AND status = 'draft'`, [
          spec.id,
          user.id,
        ]);
      await appendAudit(m, audit);
    });
  }

  private async lockSpec(m: EntityManager, user: Principal, id: string): Promise<SpecRow> {
    if (!UUID.test(id)) throw notFound('specification', id);
    const [spec] = await m.query(`SELECT * FROM specification WHERE id = $1 AND organisation_id = $2 FOR UPDATE`, [
      id,
      user.organisationId,
    ]);
    if (!spec) throw notFound('specification', id);
    return spec;
  }

  private async lockItem(m: EntityManager, specificationId: string, itemId: string) {
    if (!UUID.test(itemId)) throw notFound('specification_item', itemId);
    const [item] = await m.query(`SELECT * FROM specification_item WHERE id = $1 AND specification_id = $2 FOR UPDATE`, [
      itemId,
      specificationId,
    ]);
    if (!item) throw notFound('specification_item', itemId);
    return item as StoredItemRow;
  }

  private async item(organisationId: string, specificationId: string, itemId: string): Promise<ItemView> {
    const [row] = await this.db.query(
      `${ITEM_SQL} JOIN specification s ON s.id = i.specification_id WHERE i.id = $1 AND s.id = $2 AND s.organisation_id = $3`,
      [itemId, specificationId, organisationId],
    );
    if (!row) throw notFound('specification_item', itemId);
    return toItem(row);
  }

  private async addMany(user: Principal, id: string, dtos: AddItemDto[], prefix: string): Promise<string[]> {
    let ids: string[] = [];
    await this.write(user, id, async (m, spec) => {
      const items = await this.resolveItems(m, spec.id, dtos, prefix);
      const [{ n, maxpos }] = await m.query(
        `SELECT count(*)::int AS n, COALESCE(max(position), 0) AS maxpos FROM specification_item WHERE specification_id = $1`,
        [spec.id],
      );
      if (n + items.length > MAX_ITEMS) {
        throw invalid(
          prefix ? 'items' : 'requirementKey',
          `a specification holds at most ${MAX_ITEMS} items; it has ${n} and this adds ${items.length}`,
        );
      }
      let next = Number(maxpos);
      const position = (i: NewItem) => i.position ?? (next += 10);
      const rows = await returningRows<{ id: string }>(
        m,
        `INSERT INTO specification_item (specification_id, position, section, source, requirement_key, version, local_ref, local_title, local_statement, obligation, weight, note)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::text[])
         RETURNING id`,
        [
          spec.id,
          items.map(position),
          items.map((i) => i.section),
          items.map((i) => i.source),
          items.map((i) => i.requirementKey),
          items.map((i) => i.version),
          items.map((i) => i.localRef),
          items.map((i) => i.localTitle),
          items.map((i) => i.localStatement),
          items.map((i) => i.obligation),
          items.map((i) => i.weight),
          items.map((i) => i.note),
        ],
      );
      ids = rows.map((r) => r.id);
      return [this.audit(user, spec.id, 'items_added', { count: items.length, keys: items.map((i) => i.requirementKey ?? i.localRef) })];
    });
    return ids;
  }

  /** Checks every item against the bank and the specification; the first problem refuses the request. */
  private async resolveItems(m: EntityManager, specificationId: string, dtos: AddItemDto[], prefix: string): Promise<NewItem[]> {
    const keys = [...new Set(dtos.filter((d) => d.requirementKey).map((d) => d.requirementKey!.toUpperCase()))];
    const bank = new Map<string, { status: string; current_version: number; versions: Map<number, Obligation> }>();
    if (keys.length) {
      const rows: Array<{ key: string; status: string; current_version: number; version: number; obligation: Obligation }> = await m.query(
        `SELECT r.key, r.status, r.current_version, v.version, v.obligation FROM requirement r JOIN requirement_version v ON v.requirement_key = r.key WHERE r.key = ANY($1)`,
        [keys],
      );
      for (const r of rows) {
        const entry = bank.get(r.key) ?? { status: r.status, current_version: r.current_version, versions: new Map() };
        entry.versions.set(r.version, r.obligation);
        bank.set(r.key, entry);
      }
    }
    const existing: Array<{ requirement_key: string | null; local_ref: string | null }> = await m.query(
      `SELECT requirement_key, local_ref FROM specification_item WHERE specification_id = $1`,
      [specificationId],
    );
    const taken = new Set(existing.map((e) => e.requirement_key).filter(Boolean));
    let localNumber = Math.max(0, ...existing.map((e) => Number(e.local_ref?.replace('LOK-', '') ?? 0)));
    return dtos.map((d, i) => {
      const p = prefix ? `${prefix}${i}.` : '';
      if (!!d.requirementKey === !!d.local)
        throw invalid(`${p}requirementKey`, 'give either requirementKey (a bank requirement) or local (your own requirement)');
      const common = {
        weight: d.weight ?? null,
        note: d.note?.trim() || null,
        section: d.section?.trim() || null,
        position: d.position ?? null,
      };
      let obligation: Obligation;
      let item: NewItem;
      if (d.local) {
        if (d.version !== undefined) throw invalid(`${p}version`, 'a local requirement has no bank version');
        obligation = d.obligation ?? 'minimum';
        item = {
          ...common,
          source: 'local',
          requirementKey: null,
          version: null,
          localRef: `LOK-${++localNumber}`,
          localTitle: d.local.title.trim(),
          localStatement: d.local.statement.trim(),
          obligation,
        };
      } else {
        const key = d.requirementKey!.toUpperCase();
        const r = bank.get(key);
        if (!r) throw invalid(`${p}requirementKey`, `there is no requirement ${key}`);
        if (r.status === 'retired') throw invalid(`${p}requirementKey`, `${key} is retired`);
        const version = d.version ?? r.current_version;
        if (!r.versions.has(version)) throw invalid(`${p}version`, `${key} has versions 1 to ${r.current_version}`);
        if (taken.has(key)) throw invalid(`${p}requirementKey`, `${key} is already in the specification`);
        taken.add(key);
        obligation = d.obligation ?? r.versions.get(version)!;
        item = {
          ...common,
          source: 'bank',
          requirementKey: key,
          version,
          localRef: null,
          localTitle: null,
          localStatement: null,
          obligation,
        };
      }
      if (item.weight !== null && obligation !== 'evaluated') throw invalid(`${p}weight`, 'only an evaluated requirement has a weight');
      return item;
    });
  }

  private async views(user: Principal, ids: string[]): Promise<SpecificationView[]> {
    if (!ids.length) return [];
    const rows = await this.db.query(
      `SELECT s.*, o.name AS organisation_name, cu.username AS created_by_name, uu.username AS updated_by_name, fu.username AS finalized_by_name,
              (SELECT count(*) FROM specification_item i WHERE i.specification_id = s.id)::int AS item_count,
              (SELECT count(*) FROM specification_item i JOIN requirement r ON r.key = i.requirement_key
                WHERE i.specification_id = s.id AND (r.current_version > i.version OR r.status = 'retired'))::int AS updates_available
         FROM specification s JOIN organisation o ON o.id = s.organisation_id
         JOIN app_user cu ON cu.id = s.created_by JOIN app_user uu ON uu.id = s.updated_by LEFT JOIN app_user fu ON fu.id = s.finalized_by
        WHERE s.id = ANY($1) AND s.organisation_id = $2`,
      [ids, user.organisationId],
    );
    const byId = new Map(
      rows.map(
        (
          r: SpecRow & {
            organisation_name: string;
            created_by_name: string;
            updated_by_name: string;
            finalized_by_name: string | null;
            item_count: number;
            updates_available: number;
          },
        ) => [
          r.id,
          {
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
            createdAt: iso(r.created_at)!,
            updatedAt: iso(r.updated_at)!,
            finalizedAt: iso(r.finalized_at),
            finalizedBy: r.finalized_by_name,
            bankStamp: r.bank_stamp,
            itemCount: r.item_count,
            updatesAvailable: r.updates_available,
          } satisfies SpecificationView,
        ],
      ),
    );
    return ids.map((id) => byId.get(id)).filter((v): v is SpecificationView => !!v);
  }
}
