import { DataSource } from 'typeorm';
import { formatProblems, readSeed } from './corpus.js';
import { loadSeed, SeedInvalidError, type SeedReport } from './loader.js';

/** Reads, checks and loads the seed folder; refuses to load anything when a check fails. */
export async function seedFromDir(db: DataSource, dir: string, at?: Date): Promise<SeedReport> {
  const { corpus, problems } = readSeed(dir);
  if (problems.length) throw new SeedInvalidError(formatProblems(problems));
  return loadSeed(db, corpus, at);
}

export async function bankIsEmpty(db: DataSource): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM requirement LIMIT 1`);
  return rows.length === 0;
}

export function describeSeedReport(r: SeedReport): string {
  const q = r.requirements;
  return `seed: ${q.created} new requirements, ${q.newVersions} new versions, ${q.retired} retired, ${q.unchanged} unchanged; legal sources ${r.legalSources.inserted} new, ${r.legalSources.updated} updated; ${r.profiles} profiles`;
}
