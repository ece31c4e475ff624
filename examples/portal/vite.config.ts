import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The reference portal. No React plugin: esbuild compiles JSX with the automatic runtime (no Fast Refresh; a
 * change reloads the page). The Apollo client comes from the tested recipe, test/client/apollo-recipe.ts, which
 * lives outside this folder: the dev server may read the repository root.
 */
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  esbuild: { jsx: 'automatic' },
  server: { port: 5173, strictPort: true, fs: { allow: [repositoryRoot] } },
  preview: { port: 5173, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500, reportCompressedSize: false },
});
