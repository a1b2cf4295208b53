import { defineConfig } from 'vite';

/** The app lives in src/ (index.html there); the build goes to dist/ at the top level. */
export default defineConfig({
  root: 'src',
  base: './',
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4096 },
  worker: { format: 'es' },
  server: { fs: { allow: ['..'] } },
  preview: { host: '127.0.0.1' },
});
