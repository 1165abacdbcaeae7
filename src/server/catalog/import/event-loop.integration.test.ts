/**
 * Issue 11.1: no import input holds the event loop. The event-loop delay is measured with
 * `perf_hooks.monitorEventLoopDelay` while hostile files are imported in this process; the
 * quadratic header check this guards against held it for 27–43 s on a 40,000-column header.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadavg } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, type TestOrg } from "~/test/helpers";
import { makeDataset } from "../test-fixtures";

/**
 * The budget is p99 < 100 ms with no stretch over ~50 ms. The test's bounds are looser so a
 * machine shared with other runs (at a load of 16–30 on 2 cores the scheduler alone stretches every
 * turn ten-fold) does not fail it, yet a regression to work proportional to the input in one turn
 * (tens of seconds) does. `npm run bench -- import` reports the figures against the real budget.
 */
const P99_MS = Number(process.env.ELD_P99_MS ?? 2500);
const MAX_MS = Number(process.env.ELD_MAX_MS ?? 6000);

async function measure(run: () => Promise<unknown>): Promise<{ p99: number; max: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  try {
    await run();
  } finally {
    h.disable();
  }
  return { p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
}

describe("event-loop delay during hostile imports", () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg({ tier: "team" });
  });

  const cases: { name: string; format: "csv" | "json"; content: () => string }[] = [
    {
      name: "a 40,000-column CSV header (269 KB) with rows as wide",
      format: "csv",
      content: () => {
        const wide = Array.from({ length: 40_000 }, (_, i) => `c${i}`).join(",");
        const row = (k: number) => `m${k},Model ${k},${Array.from({ length: 40_000 }, () => "x").join(",")}`;
        return [`id,displayName,${wide}`, ...Array.from({ length: 60 }, (_, k) => row(k))].join("\n");
      },
    },
    {
      name: "JSON records of 50,000 keys each",
      format: "json",
      content: () => {
        const obj = (k: number) => JSON.stringify({ id: `m${k}`, displayName: `Model ${k}`, ...Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])) });
        return Array.from({ length: 20 }, (_, k) => obj(k)).join("\n");
      },
    },
    {
      name: "10,000 ordinary rows",
      format: "csv",
      content: () => ["id,displayName,maxTokens,streaming", ...Array.from({ length: 10_000 }, (_, i) => `m${i},Model ${i},${i},${i % 2 === 0}`)].join("\n"),
    },
  ];

  for (const c of cases) {
    it(`${c.name}: p99 < ${P99_MS} ms, never stalled`, async () => {
      const { ds, router } = await makeDataset(org, "target");
      const content = c.content();
      let status: string | undefined;
      const delay = await measure(async () => {
        const res = await router.datasets.import({ datasetId: ds.id, format: c.format, content, onError: "skip", wait: true });
        status = res.import?.status;
      });
      console.log(`[event-loop] ${c.name}: p99 ${delay.p99.toFixed(1)} ms, max ${delay.max.toFixed(1)} ms (load ${loadavg()[0]!.toFixed(1)})`);
      expect(status).toBe("completed");
      expect(delay.p99).toBeLessThan(P99_MS);
      expect(delay.max).toBeLessThan(MAX_MS);
    }, 300_000);
  }
});
