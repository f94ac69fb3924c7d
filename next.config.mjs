import { readFileSync } from "node:fs";

// Headers every answer carries; the HTTP server's own refusals (lib/server/request-guard.ts) send the same list.
// nosniff, no referrer, no framing, no indexing (an operator's console), and HSTS, which browsers ignore over plain
// http (the local demo) and enforce once the console is served over https.
const { everyAnswer, apiPolicy } = JSON.parse(readFileSync(new URL("./lib/security-headers.json", import.meta.url), "utf8"));

// The JSON API (next-auth's HTML screens under /api/auth/ aside) gets its headers here rather than from proxy.ts, so a
// request to it never passes through the proxy: Next reads a body whole for the proxy before anything else runs,
// and the route wrapper is to check the session before it reads a byte. Headers set here win over a route's own.
const OWN_API = "/api/:path((?!auth/).*)";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // No remote images, so no image optimizer: a surface with a history of SSRF and denial-of-service bugs.
  images: { unoptimized: true },
  // Next keeps a copy of each request body for proxy.ts (10 MB by default); the HTTP server refuses bodies over 1 MiB.
  experimental: { proxyClientMaxBodySize: "1mb" },
  // Every route handler's server bundle would carry its own copy of these libraries (about 3 MB of source and its
  // compiled code per route, in memory once the route has answered): loaded from node_modules, one copy serves all.
  serverExternalPackages: ["undici", "zod", "kysely", "jose", "ipaddr.js"],
  // Headers that do not depend on the request. The Content-Security-Policy and Cache-Control of pages come from
  // proxy.ts, which makes a nonce per page; build output and public/ files keep Next's caching.
  async headers() {
    return [
      { source: "/:path*", headers: everyAnswer },
      // A browser should never render the API: a policy that allows nothing (base-uri too: an unknown /api/* path
      // gets Next's HTML 404), and nothing of it may be cached (sessions, secrets' metadata, audit entries).
      {
        source: OWN_API,
        headers: [
          { key: "Content-Security-Policy", value: apiPolicy },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
      // A token test's answer is about 2 KB of JSON, an org lookup's under 1 KB. Next.js gzips every answer a client
      // accepts gzip for, whatever its size, through the thread pool: for these that cost a millisecond or more of
      // every test, on loopback and on a LAN alike, to save a KB or two. `no-transform` is what Next.js's compression
      // honours (and any proxy in front, per RFC 9111); every other answer, long lists and exports included, is still
      // compressed, by Next.js or by a reverse proxy that compresses in production. A run's Server-Sent Events too:
      // gzip would hold each event in the compressor's buffer instead of sending it.
      { source: "/api/credentials/:id/(token|org)", headers: [{ key: "Cache-Control", value: "no-store, no-transform" }] },
      { source: "/api/runs/:id/events", headers: [{ key: "Cache-Control", value: "no-store, no-transform" }] },
    ];
  },
};

export default nextConfig;
