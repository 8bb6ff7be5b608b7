/**
 * The web messenger's build: React, into dist/, served by the local client daemon (which runs this
 * build through Vite's JS API when dist/ is missing or older than the sources).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
  },
});
