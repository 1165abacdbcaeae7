import { copyFileSync } from "node:fs";

/**
 * Environment for a Next server that builds into `distDir` with its own copy of tsconfig.json
 * (Next adds its build directory to the tsconfig it uses; the committed one must stay put).
 */
export function isolatedBuildEnv(distDir: string): Record<string, string> {
  const tsconfig = `${distDir}.tsconfig.json`;
  copyFileSync("tsconfig.json", tsconfig);
  return { NEXT_DIST_DIR: distDir, NEXT_TSCONFIG_PATH: tsconfig, NEXT_TELEMETRY_DISABLED: "1" };
}
