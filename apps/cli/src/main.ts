import 'reflect-metadata';
import { Command } from 'commander';
import pino from 'pino';
import { ConfigError, loadConfig, type AppConfig } from '../../../libs/common/src/config.js';
import { seedDir } from '../../../libs/common/src/paths.js';
import { formatProblems, readSeed } from '../../../libs/catalogue/src/seed/corpus.js';
import { describeSeedReport, seedFromDir } from '../../../libs/catalogue/src/seed/seed-runner.js';
import { appDataSource, migrate, prepareDatabase } from '../../../libs/database/src/prepare.js';
import { verifyAuditChain } from '../../../libs/audit/src/audit.js';
import type { DataSource } from 'typeorm';

const log = pino({ name: 'kravbank', level: process.env.LOG_LEVEL || 'info' }, pino.destination(2));

function config(): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const line of e.lines) process.stderr.write(`${line}\n`);
      process.exit(1);
    }
    throw e;
  }
}

/** Opens the configured database (starting the embedded one if needed), runs `work`, closes everything. */
async function withDatabase<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
  const db = await prepareDatabase(config(), (line) => log.info(line));
  const ds = appDataSource(db.url, 2);
  try {
    await ds.initialize();
    return await work(ds);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.close();
  }
}

/** Set by a command that finds a problem. Exit codes are set explicitly: the embedded database's exit hook would otherwise exit 0. */
let failed = false;

const program = new Command()
  .name('kravbank')
  .description('Kravbank command line: the database, the seed and the index')
  .showHelpAfterError();

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() =>
    withDatabase(async (ds) => {
      const applied = await migrate(ds);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'the schema is up to date\n');
    }),
  );

program
  .command('seed')
  .description('load seed-requirements/ into the bank (idempotent; changed wording becomes a new version)')
  .option('--dir <folder>', 'seed folder', seedDir())
  .action((opts: { dir: string }) =>
    withDatabase(async (ds) => {
      await migrate(ds);
      const report = await seedFromDir(ds, opts.dir);
      process.stdout.write(`${describeSeedReport(report)}\n`);
    }),
  );

program
  .command('check-seed')
  .description('check the seed files without loading them (schema, keys, legal sources, near-duplicates)')
  .option('--dir <folder>', 'seed folder', seedDir())
  .action((opts: { dir: string }) => {
    const { corpus, problems } = readSeed(opts.dir);
    if (problems.length) {
      process.stderr.write(`${formatProblems(problems)}\n${problems.length} problem(s)\n`);
      failed = true;
      return;
    }
    const per = corpus.requirements.reduce<Record<string, number>>((acc, r) => ((acc[r.category] = (acc[r.category] ?? 0) + 1), acc), {});
    process.stdout.write(`seed OK: ${Object.entries(per).map(([c, n]) => `${n} ${c}`).join(', ')}; ${corpus.legalSources.length} legal sources; ${corpus.profiles.length} profiles\n`);
  });

const audit = program.command('audit').description('the audit trail');
audit
  .command('verify')
  .description('recompute the hash chain of the audit trail; exits 1 when an entry was edited or removed')
  .action(() =>
    withDatabase(async (ds) => {
      const result = await verifyAuditChain(ds);
      if (result.ok) {
        process.stdout.write(`audit trail OK: ${result.entries} entries, head #${result.headSeq} ${result.headHash}\n`);
        return;
      }
      for (const p of result.problems) process.stderr.write(`entry #${p.seq}: ${p.problem}\n`);
      process.stderr.write(`audit trail BROKEN: ${result.problems.length} problem(s) in ${result.entries} entries\n`);
      failed = true;
    }),
  );

program
  .parseAsync()
  .then(() => process.exit(failed ? 1 : 0))
  .catch((e: Error) => {
    process.stderr.write(`kravbank: ${e.message}\n`);
    process.exit(1);
  });
