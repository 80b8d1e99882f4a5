import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import { contentSecurityPolicy } from "../electron/shared/security/contentSecurityPolicy";

// The renderer builds to dist/renderer with relative asset paths, so the same files load from
// file:// in Electron and from `lab serve` over loopback HTTP. No inline scripts (strict CSP).
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  publicDir: false,
  plugins: [
    {
      // the policy travels with the file too: file:// in Electron has no response headers
      name: "collapse-lab-csp",
      apply: "build",
      transformIndexHtml: () => [
        {
          tag: "meta",
          attrs: { "http-equiv": "Content-Security-Policy", content: contentSecurityPolicy({ connectSelf: true, meta: true }) },
          injectTo: "head-prepend",
        },
      ],
    },
  ],
  build: {
    outDir: fileURLToPath(new URL("../dist/renderer", import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  // dev: run `lab serve --port 5174`, then open the dev server with the #token=… that serve printed
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": {
        target: process.env.LAB_API ?? "http://127.0.0.1:5174",
        changeOrigin: true,
        // lab serve accepts only its own origin; the dev proxy speaks for the page
        configure: (proxy) => proxy.on("proxyReq", (req) => req.removeHeader("origin")),
      },
    },
  },
});
