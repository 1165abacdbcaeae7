/** @type {import("next").NextConfig} */
const config = {
  reactStrictMode: true,
  // Node libraries with native-ish or dynamic requires: load them at run time, not bundled.
  serverExternalPackages: ["mysql2", "csv-parse"],
  // Lets the test harness run its own dev server beside a developer's without sharing build output.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default config;
