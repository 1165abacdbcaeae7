/**
 * `npm run bench`: the budgets of docs/limits.md, printed as figures and ratios against named baselines.
 * Speed goals live here, never in timed tests. `npm run bench -- engine` (or `import`) runs one part.
 */
const only = process.argv[2];

const parts: { name: string; run: () => Promise<string[]> }[] = [
  { name: "engine", run: async () => (await import("./engine")).runEngineBench() },
  { name: "import", run: async () => (await import("./import")).runImportBench() },
  { name: "import-stress", run: async () => (await import("./import-stress")).runImportStressBench() },
];

let failed = false;
for (const part of parts) {
  if (only && only !== part.name) continue;
  console.log(`\n═══ ${part.name} ═══`);
  try {
    for (const line of await part.run()) console.log(line);
  } catch (err) {
    failed = true;
    console.error(`✖ ${part.name} bench failed: ${(err as Error).stack ?? String(err)}`);
  }
}
process.exit(failed ? 1 : 0);
export {};
