import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@kravbank/common';
import { contentHash } from '../content.js';
import { CatalogueWriter } from '../catalogue-writer.js';
import type { SeedCorpus } from './corpus.js';

export interface SeedReport {
  legalSources: { inserted: number; updated: number };
  requirements: { created: number; newVersions: number; retired: number; unchanged: number };
  profiles: number;
}

/**
 * Loads a checked corpus in one transaction. Idempotent: a requirement whose wording is
 * unchanged is left alone; a changed wording is published as a new version.
 */
export async function loadSeed(db: DataSource, corpus: SeedCorpus, at: Date = new Date()): Promise<SeedReport> {
  return db.transaction(async (manager) => {
    // One loader at a time, even when two processes start together.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('kravbank:seed'))`);
    const report: SeedReport = {
      legalSources: await upsertLegalSources(manager, corpus),
      requirements: { created: 0, newVersions: 0, retired: 0, unchanged: 0 },
      profiles: 0,
    };
    const current = new Map<string, { hash: string; status: string }>(
      (
        (await manager.query(
          `SELECT r.key, r.status, v.content_hash FROM requirement r JOIN requirement_version v ON v.requirement_key = r.key AND v.version = r.current_version`,
        )) as Array<{ key: string; status: string; content_hash: string }>
      ).map((r) => [r.key, { hash: r.content_hash, status: r.status }]),
    );
    const writer = new CatalogueWriter(manager);
    for (const r of corpus.requirements) {
      const existing = current.get(r.key);
      if (existing?.status === 'retired') {
        report.requirements.unchanged++;
        continue;
      }
      if (!existing) {
        await writer.publish({
          key: r.key,
          category: r.category,
          content: r.content,
          origin: 'seed',
          baseVersion: null,
          changeSummary: 'Fra kravbankens startindhold',
          publishedAt: at,
        });
        report.requirements.created++;
      } else if (existing.hash !== contentHash(r.content)) {
        await writer.publish({
          key: r.key,
          content: r.content,
          origin: 'seed',
          changeSummary: 'Ændret i kravbankens startindhold',
          publishedAt: at,
        });
        report.requirements.newVersions++;
      } else {
        report.requirements.unchanged++;
      }
      if (r.status === 'retired') {
        await writer.retire(r.key, undefined, at);
        report.requirements.retired++;
      }
    }
    report.profiles = await replaceProfiles(manager, corpus);
    return report;
  });
}

async function upsertLegalSources(manager: EntityManager, corpus: SeedCorpus): Promise<SeedReport['legalSources']> {
  let inserted = 0;
  let updated = 0;
  for (const s of corpus.legalSources) {
    const rows: Array<{ inserted: boolean }> = await manager.query(
      `INSERT INTO legal_source (id, title, kind, issuer, url, version) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, kind = EXCLUDED.kind, issuer = EXCLUDED.issuer,
              url = EXCLUDED.url, version = EXCLUDED.version, updated_at = now()
        WHERE (legal_source.title, legal_source.kind, legal_source.issuer, legal_source.url, legal_source.version)
              IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.kind, EXCLUDED.issuer, EXCLUDED.url, EXCLUDED.version)
       RETURNING (xmax = 0) AS inserted`,
      [s.id, s.title, s.kind, s.issuer, s.url, s.version],
    );
    if (rows.length && rows[0].inserted) inserted++;
    else if (rows.length) updated++;
  }
  return { inserted, updated };
}

/** Profiles are the bank's suggestions, not history: the seed's list replaces what is stored. */
async function replaceProfiles(manager: EntityManager, corpus: SeedCorpus): Promise<number> {
  const ids = corpus.profiles.map((p) => p.id);
  await manager.query(`DELETE FROM profile WHERE NOT (id = ANY($1))`, [ids]);
  for (const [position, p] of corpus.profiles.entries()) {
    await manager.query(
      `INSERT INTO profile (id, title, description, position) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description, position = EXCLUDED.position, updated_at = now()`,
      [p.id, p.title, p.description, position],
    );
    await manager.query(`DELETE FROM profile_item WHERE profile_id = $1`, [p.id]);
    if (p.items.length) {
      await manager.query(
        `INSERT INTO profile_item (profile_id, position, requirement_key, obligation)
         SELECT $1, ord - 1, key, obligation FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(key, obligation, ord)`,
        [p.id, p.items.map((i) => i.key), p.items.map((i) => i.obligation)],
      );
    }
  }
  return corpus.profiles.length;
}

export class SeedInvalidError extends DomainError {
  constructor(summary: string) {
    super('unprocessable', 'seed_invalid', `The seed files have problems:\n${summary}`);
  }
}
