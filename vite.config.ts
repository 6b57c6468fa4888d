// Vite build of the viewer. DuckDB-WASM's wasm and worker files are imported with `?url` by
// src/db (bundled into dist/, never fetched from a CDN). In `npm run dev`, /api and /captures are
// proxied to a weft server on :9000 when one runs; without one the app falls back to the sample.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const WEFT_SERVER = 'http://127.0.0.1:9000';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  build: {
    target: 'es2022',
    // duckdb-wasm's JS is large by nature; the wasm files are separate assets.
    chunkSizeWarningLimit: 2048,
  },
  server: {
    proxy: {
      '/api': { target: WEFT_SERVER, changeOrigin: true },
      '/captures': { target: WEFT_SERVER, changeOrigin: true },
    },
  },
  // Preview serves dist/ alone (e2e): no weft server behind it.
  preview: { port: 4173, proxy: {} },
});
