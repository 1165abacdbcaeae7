import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseRecords } from "./parse";

/**
 * A body already in memory must not flow through the CSV parser in one run of microtasks: that held
 * the event loop for ~180 ms on 5 MB of hostile CSV (issue 11 item 1). The parser gets one chunk per
 * event-loop turn, so timers and other requests run between chunks.
 */
describe("CSV parsing paces its input", () => {
  it("reads one chunk per event-loop turn, and still reads every row", async () => {
    let pulled = 0;
    const chunks = Array.from({ length: 20 }, (_, c) => Array.from({ length: 100 }, (_, i) => `m${c * 100 + i},Model ${c * 100 + i}\n`).join(""));
    const input = Readable.from(
      (function* () {
        yield "id,name\n";
        for (const chunk of chunks) {
          pulled++;
          yield chunk;
        }
      })(),
    );
    const items = parseRecords(input, "csv");
    const first = items.next();
    await new Promise((resolve) => setImmediate(resolve));
    // Before the first timer turn only the first chunk or two can have been read.
    expect(pulled).toBeLessThanOrEqual(2);

    let rows = 0;
    for (let r = await first; !r.done; r = await items.next()) rows += r.value.filter((i) => i.kind === "row").length;
    expect(pulled).toBe(20);
    expect(rows).toBe(2000);
  });
});
