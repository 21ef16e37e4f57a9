// Vite builds the renderer into dist/renderer; the hub and the Electron shell serve it.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const yjs = fileURLToPath(new URL('./node_modules/yjs/dist/yjs.mjs', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  resolve: { alias: { yjs } },
  define: { __TANDEM_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.1.0') },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2_000,
  },
});
