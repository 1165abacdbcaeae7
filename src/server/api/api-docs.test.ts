import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderApiDocs } from "./api-docs";

describe("docs/api.md", () => {
  it("lists every procedure with its current input (run `npm run api-docs` after changing the API)", () => {
    const committed = readFileSync(path.resolve(import.meta.dirname, "../../../docs/api.md"), "utf8");
    expect(committed).toBe(renderApiDocs());
  });
});
