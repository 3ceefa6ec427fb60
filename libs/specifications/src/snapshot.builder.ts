import { EntityManager } from 'typeorm';
import type { SnapshotItem, SpecificationSnapshot } from '@kravbank/export';
import type { SpecificationView } from './views.js';

/** The bank's version stamp: the date of its newest publication and how many requirements are active. */
export async function currentBankStamp(m: EntityManager): Promise<string> {
  const [row] = await m.query(
    `SELECT to_char(max(v.published_at) AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD') AS day,
            (SELECT count(*) FROM requirement WHERE status = 'active')::int AS active
       FROM requirement_version v`,
  );
  return `Kravbank pr. ${row.day ?? '–'} (${row.active} aktive krav)`;
}

/**
 * Everything the export needs, as plain data: the items in document order (by category,
 * then position), each bank item with the full text of its pinned version.
 */
export async function buildSnapshot(m: EntityManager, spec: SpecificationView): Promise<SpecificationSnapshot> {
  // Columns named as the snapshot names them, so the rows are the items.
  const items: SnapshotItem[] = await m.query(
    `SELECT i.id, i.position, i.section, i.source, COALESCE(i.requirement_key, i.local_ref) AS key, i.version, r.category,
            COALESCE(v.title, i.local_title) AS title, COALESCE(v.statement, i.local_statement) AS statement,
            COALESCE(v.rationale, '') AS rationale, COALESCE(v.guidance, '') AS guidance, COALESCE(v.verification, '') AS verification,
            v.level, i.obligation, i.weight, i.note, v.content_hash AS "contentHash",
            COALESCE((SELECT json_agg(json_build_object('id', s.legal_source_id, 'section', s.section, 'title', ls.title) ORDER BY s.position)
                        FROM requirement_version_source s JOIN legal_source ls ON ls.id = s.legal_source_id WHERE s.version_id = v.id), '[]') AS "legalSources"
       FROM specification_item i
       LEFT JOIN requirement r ON r.key = i.requirement_key
       LEFT JOIN category c ON c.id = r.category
       LEFT JOIN requirement_version v ON v.requirement_key = i.requirement_key AND v.version = i.version
      WHERE i.specification_id = $1
      ORDER BY c.position NULLS LAST, i.position, i.created_at, i.id`,
    [spec.id],
  );
  const legalSources = await m.query(
    `SELECT DISTINCT ls.id, ls.title, ls.kind, ls.issuer, ls.url, ls.version
       FROM specification_item i
       JOIN requirement_version v ON v.requirement_key = i.requirement_key AND v.version = i.version
       JOIN requirement_version_source s ON s.version_id = v.id
       JOIN legal_source ls ON ls.id = s.legal_source_id
      WHERE i.specification_id = $1
      ORDER BY ls.title, ls.id`,
    [spec.id],
  );
  const {
    lineageId: _l,
    parentId: _p,
    profileId: _pr,
    createdBy: _c,
    updatedBy: _u,
    finalizedBy: _f,
    bankStamp: _b,
    itemCount: _i,
    updatesAvailable: _a,
    ...specification
  } = spec;
  return {
    specification,
    // A final specification keeps the stamp of the day it was finalized.
    bank: { stamp: spec.bankStamp ?? (await currentBankStamp(m)) },
    items,
    legalSources,
  };
}
