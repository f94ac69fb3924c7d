import { readFileSync } from "node:fs";

// Headers every answer carries; the HTTP server's own refusals (lib/server/request-guard.ts) send the same list.
// nosniff, no referrer, no framing, no indexing (an operator's console), and HSTS, which browsers ignore over plain
// http (the local demo) and enforce once the console is served over https.
const SECURITY_HEADERS = JSON.parse(readFileSync(new URL("./lib/security-headers.json", import.meta.url), "utf8"));

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // No remote images, so no image optimizer: a surface with a history of SSRF and denial-of-service bugs.
  images: { unoptimized: true },
  // Next keeps a copy of each request body for proxy.ts (10 MB by default); the HTTP server refuses bodies over 1 MiB.
  experimental: { proxyClientMaxBodySize: "1mb" },
  // Headers that do not depend on the request. The Content-Security-Policy and Cache-Control of pages and the API
  // come from proxy.ts, which makes a nonce per page; build output and public/ files keep Next's caching.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: SECURITY_HEADERS,
      },
    ];
  },
};

export default nextConfig;
