import { fileURLToPath } from 'node:url';
import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress.js';

/** Modules of the live editor's chunk. */
const EDITOR =
  /[\\/]node_modules[\\/](@tiptap|prosemirror-[a-z]+|linkifyjs|orderedmap|rope-sequence|w3c-keyname|fast-equals)[\\/]/;
/** Libraries every page needs. */
const VENDOR =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|i18next|react-i18next|use-sync-external-store|cookie|set-cookie-parser)[\\/]/;

/** Where `pnpm dev` forwards API and sync traffic: the Kenes server's default port. */
const SERVER = 'http://localhost:8787';

/**
 * The client build. `source` comes first among the resolve conditions so that
 * `@kenes/shared` is bundled from its TypeScript sources (no shared build
 * needed for dev); the defaults are kept after it for every other package.
 * The server serves `dist/` on the same origin, so production needs no proxy.
 */
export default defineConfig({
  plugins: [react(), precompress()],
  resolve: {
    conditions: ['source', ...defaultClientConditions],
    // The editor has no links: StarterKit's import of the link extension (and linkifyjs) is left out.
    alias: [
      {
        find: /^@tiptap\/extension-link$/,
        replacement: fileURLToPath(new URL('./src/editor/linksOff.ts', import.meta.url)),
      },
    ],
  },
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
    rolldownOptions: {
      output: {
        // A few chunks rather than a score of small ones: the room's first load
        // fetched ~20 files, more than a browser's six connections carry at once.
        codeSplitting: {
          // Highest priority first; a group also takes what its modules import, unless taken.
          groups: [
            // The live editor (Tiptap, ProseMirror, the Yjs binding): loaded with the room, beside it.
            { name: 'editor', test: EDITOR, priority: 10 },
            // Yjs and its sync and storage: every page with a live doc.
            {
              name: 'yjs',
              test: /[\\/]node_modules[\\/](yjs|lib0|y-websocket|y-protocols|y-indexeddb)[\\/]/,
              priority: 20,
            },
            // React, the router and i18next: every page.
            { name: 'vendor', test: VENDOR, priority: 30 },
          ],
        },
      },
    },
  },
});
