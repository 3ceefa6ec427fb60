import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../libs/database/src/embedded.js';
import { projectRoot } from '../../libs/common/src/paths.js';

/** The built service, as `npm start` runs it. */
export const SERVICE_MAIN = path.join(projectRoot(), 'dist/apps/api/src/main.js');

export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  base: string;
  /** Everything the process printed so far (up to `keepOutput` characters). */
  output: () => string;
  /** SIGTERM, then the exit code once it has exited (at once when it already has). */
  stop: () => Promise<number | null>;
}

export interface ServiceProcessOptions {
  /** Added to this process's environment; a key set to undefined is removed (e.g. DATABASE_URL for the embedded database). */
  env: Record<string, string | undefined>;
  /** Named in the error when it does not start. */
  label?: string;
  timeoutMs?: number;
  nodeArgs?: string[];
  /** How much of the output to keep (the start-up lines matter; later log lines may be dropped). */
  keepOutput?: number;
}

/** Starts the built service on a free port and waits until it says it listens. */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const { label = 'the service', timeoutMs = 60_000, nodeArgs = [], keepOutput = Infinity } = options;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'info' };
  delete env.NODE_OPTIONS;
  for (const [key, value] of Object.entries(options.env)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const child = spawn(process.execPath, [...nodeArgs, SERVICE_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => {
    if (out.length < keepOutput) out += d;
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const deadline = Date.now() + timeoutMs;
  while (!out.includes('Kravbank listens')) {
    if (child.exitCode !== null) throw new Error(`${label} exited (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) throw new Error(`${label} did not start in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (child.exitCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return exited;
  };
  return { child, port, base: `http://127.0.0.1:${port}`, output: () => out, stop };
}
