/** @type {import("next").NextConfig} */
const config = {
  reactStrictMode: true,
  devIndicators: false,
  // Node libraries with native-ish or dynamic requires: load them at run time, not bundled.
  serverExternalPackages: ["mysql2", "csv-parse", "ioredis"],
  // Test and bench servers build into their own directory with their own tsconfig copy, so they
  // run beside a developer's server and never rewrite the committed tsconfig.json.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Next buffers this much of each request body for the middleware and silently cuts the rest; it must
  // exceed the /api/trpc bound (MIDDLEWARE_BODY_BUFFER_BYTES in src/server/http/request-body.ts, kept
  // equal by request-body.test.ts) so a body the route accepts is never cut.
  experimental: { middlewareClientMaxBodySize: 61 * 1024 * 1024 },
  typescript: { tsconfigPath: process.env.NEXT_TSCONFIG_PATH || "tsconfig.json" },
};

export default config;
