/**
 * Build of the web application: `vite build web` writes web/dist, which `turnstile serve`
 * serves (src/server/static.ts). Each JavaScript, CSS and SVG file also gets a gzip twin
 * (`.gz`) so that the server can send it compressed without compressing on every request.
 * `vite web` runs a development server that forwards /api to a running `turnstile serve`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

function gzipTwins(): Plugin {
  return {
    name: "turnstile-gzip-twins",
    apply: "build",
    // After the files are written: earlier, chunks still hold placeholders Vite fills last.
    writeBundle(options, bundle) {
      const dir = options.dir ?? "dist";
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|svg|html)$/.test(fileName)) continue;
        const file = join(dir, fileName);
        writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  plugins: [react(), gzipTwins()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // The budget is on what the first page loads (bench/web.bench.ts), not on one chunk.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { "/api": process.env.TURNSTILE_API ?? "http://127.0.0.1:3000" },
    fs: { allow: [".."] },
  },
});
