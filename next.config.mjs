/** @type {import("next").NextConfig} */
const config = {
  reactStrictMode: true,
  // Node libraries with native-ish or dynamic requires: load them at run time, not bundled.
  serverExternalPackages: ["mysql2", "csv-parse"],
};

export default config;
