/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // No remote images, so no image optimizer: a surface with a history of SSRF and denial-of-service bugs.
  images: { unoptimized: true },
  // Headers that do not depend on the request. The Content-Security-Policy and Cache-Control of pages and the API
  // come from proxy.ts, which makes a nonce per page; build output and public/ files keep Next's caching.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          // An operator's console: nothing in it is for search engines (public/robots.txt says so too).
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          // Browsers ignore it over plain http (the local demo) and enforce it once the console is served over https.
          { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
        ],
      },
    ];
  },
};

export default nextConfig;
