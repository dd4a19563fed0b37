import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Built into dist/ and served by the gateway under /console: every asset is bundled here, none
// comes from a CDN (the machines and many deployments have no internet).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
  oxc: { jsx: { runtime: 'automatic' } },
  logLevel: 'warn',
});
