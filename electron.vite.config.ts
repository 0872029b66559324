import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/** The renderer build: shared by the desktop app and the browser mode (vite.web.config.ts). */
export const rendererConfig = {
  root: resolve(__dirname, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, 'out/renderer'),
    emptyOutDir: true,
    // One bundle for an offline app: React, ProseMirror and tiptap, loaded from disk.
    chunkSizeWarningLimit: 1200,
    rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
  },
};

export default defineConfig({
  main: {
    build: {
      // lowdb and steno are ESM-only: bundle them so the CommonJS main bundle needs no require(esm).
      externalizeDeps: { exclude: ['lowdb', 'steno'] },
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/electron/index.ts') } },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: rendererConfig,
});
