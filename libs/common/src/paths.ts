import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding Kravbank's package.json, from the source tree or from dist/. */
export function projectRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'kravbank') return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('Cannot find the Kravbank project folder (package.json named kravbank).');
    dir = up;
  }
}

export const seedDir = (): string => path.join(projectRoot(), 'seed-requirements');
