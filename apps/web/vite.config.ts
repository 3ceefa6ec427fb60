import { defineConfig } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const api = process.env.KRAVBANK_API ?? 'http://127.0.0.1:3000';

// The dkfds package exports only its JavaScript, so its CSS, fonts and icons are reached through an alias.
export default defineConfig({
  root: here,
  resolve: { alias: { 'dkfds/dist': path.resolve(here, '../../node_modules/dkfds/dist') } },
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    rolldownOptions: {
      // React Query marks its files "use client" for server components; a browser bundle has no use for it.
      onwarn: (warning, warn) => (warning.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(warning)),
    },
  },
  server: { port: 5173, proxy: { '/api': api, '/docs': api, '/docs-json': api, '/health': api } },
});
