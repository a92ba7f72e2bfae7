import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

/** Where `pnpm dev` forwards API and sync traffic: the Kenes server's default port. */
const SERVER = 'http://localhost:8787';

/**
 * The client build. `source` comes first among the resolve conditions so that
 * `@kenes/shared` is bundled from its TypeScript sources (no shared build
 * needed for dev); the defaults are kept after it for every other package.
 * The server serves `dist/` on the same origin, so production needs no proxy.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    proxy: {
      '/api': { target: SERVER, changeOrigin: false },
      '/sync': { target: SERVER, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
