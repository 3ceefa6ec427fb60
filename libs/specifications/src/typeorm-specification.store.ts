import { EntityManager } from 'typeorm';
import { returningRows, SqlFilter } from '@kravbank/database';
import type { SpecificationSnapshot } from '@kravbank/export';
import {
  SpecificationStore,
  type ItemChange,
  type ItemPin,
  type NewItem,
  type NewSpecification,
  type SpecificationChange,
  type SpecificationListing,
  type SpecificationRecord,
  type StoredItem,
} from './specification.store.js';

const ITEM_COLUMNS = `i.id, i.position, i.section, i.source, i.requirement_key, i.local_ref, i.version, i.local_title, i.local_statement,
  i.obligation, i.weight, i.note, i.answer_mode`;
const ITEM_ORDER = 'i.position, i.created_at, i.id';

/** Specification fields an edit changes, as columns of the specification table. */
const CHANGE_COLUMNS: Record<keyof SpecificationChange, string> = {
  title: 'title',
  procurementName: 'procurement_name',
  caseNumber: 'case_number',
  description: 'description',
  evaluation: 'evaluation',
  annex: 'annex',
  sections: 'sections',
};

/** jsonb columns get their value as JSON text. */
const columnValue = (field: keyof SpecificationChange, value: unknown): unknown =>
  (field === 'evaluation' || field === 'annex') && value !== null ? JSON.stringify(value) : value;

/** The specification tables in PostgreSQL, on the pool or on one transaction's connection. */
export class TypeOrmSpecificationStore extends SpecificationStore {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  within(manager: EntityManager): SpecificationStore {
    return new TypeOrmSpecificationStore(manager);
  }

  async insert(s: NewSpecification): Promise<string> {
    const [spec] = await this.manager.query(
      `INSERT INTO specification (id, organisation_id, lineage_id, title, procurement_name, case_number, description, profile_id, created_by, updated_by)
       SELECT g.id, $1, g.id, $2, $3, $4, $5, $6, $7, $7 FROM (SELECT gen_random_uuid() AS id) g RETURNING id`,
      [s.organisationId, s.title, s.procurementName, s.caseNumber, s.description, s.profileId, s.userId],
    );
    return spec.id as string;
  }

  async listIds(organisationId: string, status: 'draft' | 'final' | undefined, page: number, limit: number) {
    const filter = new SqlFilter().always('s.organisation_id = ?', organisationId).when(status, 's.status = ?');
    const [{ n }] = await this.manager.query(`SELECT count(*) AS n FROM specification s ${filter.sql}`, filter.params);
    const ids: Array<{ id: string }> = await this.manager.query(
      `SELECT s.id FROM specification s ${filter.sql} ORDER BY s.updated_at DESC, s.id LIMIT ${filter.param(limit)} OFFSET ${filter.param((page - 1) * limit)}`,
      filter.params,
    );
    return { ids: ids.map((r) => r.id), total: Number(n) };
  }

  findListings(ids: string[], organisationId: string): Promise<SpecificationListing[]> {
    return this.manager.query(
      `SELECT s.*, o.name AS organisation_name, cu.username AS created_by_name, uu.username AS updated_by_name, fu.username AS finalized_by_name,
              (SELECT count(*) FROM specification_item i WHERE i.specification_id = s.id)::int AS item_count
         FROM specification s JOIN organisation o ON o.id = s.organisation_id
         JOIN app_user cu ON cu.id = s.created_by JOIN app_user uu ON uu.id = s.updated_by LEFT JOIN app_user fu ON fu.id = s.finalized_by
        WHERE s.id = ANY($1) AND s.organisation_id = $2`,
      [ids, organisationId],
    );
  }

  async lock(id: string, organisationId: string): Promise<SpecificationRecord | null> {
    const [spec] = await this.manager.query(`SELECT * FROM specification WHERE id = $1 AND organisation_id = $2 FOR UPDATE`, [
      id,
      organisationId,
    ]);
    return spec ?? null;
  }

  async update(id: string, change: SpecificationChange): Promise<void> {
    const fields = Object.keys(change) as Array<keyof SpecificationChange>;
    await this.manager.query(
      `UPDATE specification SET ${fields.map((f, i) => `${CHANGE_COLUMNS[f]} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [id, ...fields.map((f) => columnValue(f, change[f]))],
    );
  }

  async delete(id: string): Promise<void> {
    await this.manager.query(`DELETE FROM specification WHERE id = $1`, [id]);
  }

  async touch(id: string, userId: string): Promise<void> {
    await this.manager.query(`UPDATE specification SET updated_at = now(), updated_by = $2 WHERE id = $1 AND status = 'draft'`, [
      id,
      userId,
    ]);
  }

  async latestRevision(lineageId: string): Promise<number> {
    const [latest] = await this.manager.query(`SELECT max(revision) AS revision FROM specification WHERE lineage_id = $1`, [lineageId]);
    return latest.revision as number;
  }

  async insertRevision(fromId: string, userId: string): Promise<string> {
    const [created] = await this.manager.query(
      `INSERT INTO specification (organisation_id, lineage_id, revision, parent_id, title, procurement_name, case_number, description, profile_id,
                                  evaluation, annex, sections, created_by, updated_by)
       SELECT organisation_id, lineage_id, revision + 1, id, title, procurement_name, case_number, description, profile_id,
              evaluation, annex, sections, $2, $2 FROM specification WHERE id = $1 RETURNING id`,
      [fromId, userId],
    );
    await this.manager.query(
      `INSERT INTO specification_item (specification_id, position, section, source, requirement_key, version, local_ref, local_title, local_statement,
                                       obligation, weight, note, answer_mode)
       SELECT $2, position, section, source, requirement_key, version, local_ref, local_title, local_statement, obligation, weight, note, answer_mode
         FROM specification_item WHERE specification_id = $1`,
      [fromId, created.id],
    );
    return created.id as string;
  }

  async finalize(
    id: string,
    f: { finalizedAt: string; userId: string; bankStamp: string; snapshot: SpecificationSnapshot },
  ): Promise<void> {
    await this.manager.query(
      `UPDATE specification SET status = 'final', finalized_at = $2, finalized_by = $3, bank_stamp = $4, final_snapshot = $5, updated_by = $3, updated_at = $2 WHERE id = $1`,
      [id, f.finalizedAt, f.userId, f.bankStamp, JSON.stringify(f.snapshot)],
    );
  }

  async finalSnapshot(id: string): Promise<SpecificationSnapshot> {
    return (await this.manager.query(`SELECT final_snapshot FROM specification WHERE id = $1`, [id]))[0].final_snapshot;
  }

  async insertItems(specificationId: string, items: Array<NewItem & { position: number }>): Promise<string[]> {
    const rows = await returningRows<{ id: string }>(
      this.manager,
      `INSERT INTO specification_item (specification_id, position, section, source, requirement_key, version, local_ref, local_title, local_statement, obligation, weight, note)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::text[])
       RETURNING id`,
      [
        specificationId,
        items.map((i) => i.position),
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
    return rows.map((r) => r.id);
  }

  async itemStats(specificationId: string): Promise<{ count: number; maxPosition: number }> {
    const [{ n, maxpos }] = await this.manager.query(
      `SELECT count(*)::int AS n, COALESCE(max(position), 0) AS maxpos FROM specification_item WHERE specification_id = $1`,
      [specificationId],
    );
    return { count: n, maxPosition: Number(maxpos) };
  }

  itemRefs(specificationId: string): Promise<Array<{ requirement_key: string | null; local_ref: string | null }>> {
    return this.manager.query(`SELECT requirement_key, local_ref FROM specification_item WHERE specification_id = $1`, [specificationId]);
  }

  async lockItem(specificationId: string, itemId: string): Promise<StoredItem | null> {
    const [item] = await this.manager.query(
      `SELECT ${ITEM_COLUMNS} FROM specification_item i WHERE i.id = $1 AND i.specification_id = $2 FOR UPDATE`,
      [itemId, specificationId],
    );
    return item ?? null;
  }

  async updateItem(itemId: string, c: ItemChange): Promise<void> {
    await this.manager.query(
      `UPDATE specification_item SET obligation = $2, weight = $3, note = $4, section = $5, position = $6,
              local_title = COALESCE($7, local_title), local_statement = COALESCE($8, local_statement), answer_mode = $9, updated_at = now()
        WHERE id = $1`,
      [itemId, c.obligation, c.weight, c.note, c.section, c.position, c.localTitle, c.localStatement, c.answerMode],
    );
  }

  async deleteItem(itemId: string): Promise<void> {
    await this.manager.query(`DELETE FROM specification_item WHERE id = $1`, [itemId]);
  }

  async setItemVersion(itemId: string, version: number): Promise<void> {
    await this.manager.query(`UPDATE specification_item SET version = $2, updated_at = now() WHERE id = $1`, [itemId, version]);
  }

  listItems(specificationId: string, page: number, limit: number): Promise<StoredItem[]> {
    return this.manager.query(
      `SELECT ${ITEM_COLUMNS} FROM specification_item i WHERE i.specification_id = $1 ORDER BY ${ITEM_ORDER} LIMIT $2 OFFSET $3`,
      [specificationId, limit, (page - 1) * limit],
    );
  }

  allItems(specificationId: string): Promise<StoredItem[]> {
    return this.manager.query(`SELECT ${ITEM_COLUMNS} FROM specification_item i WHERE i.specification_id = $1 ORDER BY ${ITEM_ORDER}`, [
      specificationId,
    ]);
  }

  findItems(ids: string[]): Promise<StoredItem[]> {
    return this.manager.query(`SELECT ${ITEM_COLUMNS} FROM specification_item i WHERE i.id = ANY($1) ORDER BY ${ITEM_ORDER}`, [ids]);
  }

  async findItem(organisationId: string, specificationId: string, itemId: string): Promise<StoredItem | null> {
    const [row] = await this.manager.query(
      `SELECT ${ITEM_COLUMNS} FROM specification_item i JOIN specification s ON s.id = i.specification_id
        WHERE i.id = $1 AND s.id = $2 AND s.organisation_id = $3`,
      [itemId, specificationId, organisationId],
    );
    return row ?? null;
  }

  async bankPins(specificationIds: string[], opts: { lock?: boolean } = {}): Promise<ItemPin[]> {
    if (!specificationIds.length) return [];
    const rows: Array<{ specification_id: string; id: string; requirement_key: string; version: number }> = await this.manager.query(
      `SELECT i.specification_id, i.id, i.requirement_key, i.version FROM specification_item i
        WHERE i.specification_id = ANY($1) AND i.source = 'bank' ORDER BY ${ITEM_ORDER}${opts.lock ? ' FOR UPDATE' : ''}`,
      [specificationIds],
    );
    return rows.map((r) => ({ specificationId: r.specification_id, id: r.id, key: r.requirement_key, version: r.version }));
  }
}
