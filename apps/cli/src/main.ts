import 'reflect-metadata';
import { Command } from 'commander';
import pino from 'pino';
import { loadConfigOrExit, type AppConfig, seedDir } from '@kravbank/common';
import { formatProblems, readSeed, describeSeedReport, seedFromDir } from '@kravbank/catalogue';
import { appDataSource, migrate, prepareDatabase } from '@kravbank/database';
import { verifyAuditChain } from '@kravbank/audit';
import {
  createSearchEngine,
  loadSearchVocabulary,
  describeReconcile,
  SearchReconciler,
  SEARCH_TOPICS,
  TypeOrmSearchOutbox,
  TypeOrmSearchDocumentSource,
} from '@kravbank/search';
import type { DataSource } from 'typeorm';
import {
  createOrganisation,
  createUser,
  describeOrganisations,
  ROLE_LIST,
  setUserActive,
  type CreateUserOptions,
} from './admin-commands.js';

const log = pino({ name: 'kravbank', level: process.env.LOG_LEVEL || 'info' }, pino.destination(2));

const config = (): AppConfig => loadConfigOrExit();

/** Opens the configured database (starting the embedded one if needed), runs `work`, closes everything. */
async function withDatabase<T>(work: (ds: DataSource) => Promise<T>, poolSize = 2): Promise<T> {
  const db = await prepareDatabase(config(), (line) => log.info(line));
  const ds = appDataSource(db.url, poolSize);
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
    process.stdout.write(
      `seed OK: ${Object.entries(per)
        .map(([c, n]) => `${n} ${c}`)
        .join(', ')}; ${corpus.legalSources.length} legal sources; ${corpus.profiles.length} profiles\n`,
    );
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

/** The configured search engine (MEILI_URL: Meilisearch, else Postgres) and its reconciler. */
function searchParts(ds: DataSource) {
  const engine = createSearchEngine(config(), ds, loadSearchVocabulary());
  const outbox = new TypeOrmSearchOutbox(ds);
  return { engine, outbox, reconciler: new SearchReconciler(engine, new TypeOrmSearchDocumentSource(ds), outbox) };
}

program
  .command('reindex')
  .description('rebuild the search index from the database and swap it in (search keeps answering meanwhile)')
  .action(() =>
    withDatabase(async (ds) => {
      await migrate(ds);
      const report = await searchParts(ds).reconciler.rebuild();
      process.stdout.write(`reindex (${report.engine}): ${report.documents} requirements indexed in ${report.ms} ms\n`);
    }, 4),
  );

program
  .command('search-reconcile')
  .description('compare the search index with the database document by document and repair every difference')
  .action(() =>
    withDatabase(async (ds) => {
      await migrate(ds);
      const { engine, reconciler } = searchParts(ds);
      await engine.prepare();
      process.stdout.write(`${describeReconcile(await reconciler.reconcile())}\n`);
    }, 4),
  );

program
  .command('search-status')
  .description('the search engine, its document count and the outbox backlog; exits 1 when the engine is unhealthy')
  .action(() =>
    withDatabase(async (ds) => {
      const { engine, outbox } = searchParts(ds);
      const [stats, backlog] = await Promise.all([engine.stats(), outbox.backlog(SEARCH_TOPICS)]);
      process.stdout.write(
        `search engine: ${stats.engine}, ${stats.healthy ? 'healthy' : `NOT healthy (${stats.problem})`}, ${stats.documents} documents\n` +
          `outbox: ${backlog.due} due, ${backlog.waiting} waiting to retry, ${backlog.failing} failing` +
          `${backlog.oldestCreatedAt ? `, oldest from ${backlog.oldestCreatedAt}` : ''}${backlog.lastError ? `\nlast error: ${backlog.lastError}` : ''}\n`,
      );
      if (!stats.healthy) failed = true;
    }),
  );

/** Runs an administration command on a migrated database and prints its one-line answer. */
const administer = (work: (ds: DataSource) => Promise<string>) =>
  withDatabase(async (ds) => {
    await migrate(ds);
    process.stdout.write(`${await work(ds)}\n`);
  });

program
  .command('create-organisation')
  .description('create an organisation (audited; the first step on a fresh deployment)')
  .requiredOption('--name <name>', 'the name, e.g. "Vejle Kommune"')
  .requiredOption('--cvr <cvr>', 'the CVR number (8 digits)')
  .option('--kind <kind>', 'municipality or secretariat', 'municipality')
  .action((opts: { name: string; cvr: string; kind: string }) => administer((ds) => createOrganisation(ds, opts)));

program
  .command('create-user')
  .description('create a user in an organisation; prints a random first password unless --password or --no-password is given')
  .requiredOption('--username <username>', 'lower-case letters, digits and . _ @ - (an e-mail address is a good choice)')
  .requiredOption('--name <name>', 'the name shown')
  .requiredOption('--organisation <ref>', "the organisation's CVR number, name or id")
  .option('--role <role>', `a role (${ROLE_LIST.join(', ')}); repeat for more`, (v: string, all: string[]) => [...all, v], [] as string[])
  .option('--admin', 'give the admin role (an admin in a secretariat organisation administers every organisation)')
  .option('--password <password>', 'the first password (at least 12 characters; prefer the printed random one)')
  .option('--no-password', "no password: the user signs in only through the organisation's identity provider")
  .action((opts: Omit<CreateUserOptions, 'password'> & { password?: string | false }) =>
    administer((ds) =>
      createUser(ds, {
        ...opts,
        password: typeof opts.password === 'string' ? opts.password : undefined,
        noPassword: opts.password === false,
      }),
    ),
  );

program
  .command('deactivate-user')
  .description('deactivate a user: sessions end at once, tokens within AUTH_USER_CACHE_SECONDS')
  .argument('<username>')
  .action((username: string) => administer((ds) => setUserActive(ds, username, false)));

program
  .command('activate-user')
  .description('reactivate a deactivated user')
  .argument('<username>')
  .action((username: string) => administer((ds) => setUserActive(ds, username, true)));

program
  .command('list-organisations')
  .description('the organisations: CVR, kind, state, active users, name')
  .action(() => administer(describeOrganisations));

program
  .parseAsync()
  .then(() => process.exit(failed ? 1 : 0))
  .catch((e: Error) => {
    process.stderr.write(`kravbank: ${e.message}\n`);
    process.exit(1);
  });
