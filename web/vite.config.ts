import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Two pages: the app (index.html) and GraphiQL (graphiql.html); the service serves dist/ as its web root.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      // GraphiQL's dependencies mark their modules "use client" (for React server components): meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        app: resolve(import.meta.dirname, 'index.html'),
        graphiql: resolve(import.meta.dirname, 'graphiql.html'),
      },
    },
  },
  server: { proxy: { '/graphql': 'http://localhost:5080', '/export': 'http://localhost:5080' } },
});
