import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The dashboard's bundle, into dist/apps/web, which the public entry serves. `vite` (dev) sends
 * /api to the running entry, so the browser still talks to one origin.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // @gridledger/domain, through tsconfig.base.json's paths
  resolve: { tsconfigPaths: true },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // recharts is most of the bundle; it is one chunk, cached apart from the app's own code
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'charts', test: /node_modules[\\/](recharts|d3-|victory|decimal)/ }] } } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:13000' } },
});
