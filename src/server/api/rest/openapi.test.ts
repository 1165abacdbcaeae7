/** The generated OpenAPI document is valid OpenAPI 3.1 (a real validator), names every route, and renders as the reference page. */
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { referenceHtml } from "./reference";
import { restRoutes } from "./routes";

describe("OpenAPI document", () => {
  it("validates as OpenAPI 3.1", async () => {
    const doc = openApiDocument();
    const validator = new Validator();
    const res = await validator.validate(structuredClone(doc) as unknown as Parameters<Validator["validate"]>[0]);
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has every route with its parameters from the zod schemas", () => {
    const doc = openApiDocument() as { paths: Record<string, { get: { parameters?: { name: string; in: string; required?: boolean }[] } }> };
    expect(Object.keys(doc.paths).sort()).toEqual(restRoutes.map((r) => `/api/v1${r.path}`).sort());
    const check = doc.paths["/api/v1/pages/{slug}/check"]!.get.parameters!;
    expect(check.map((p) => [p.name, p.in, p.required ?? false])).toEqual([
      ["slug", "path", true],
      ["source", "query", true],
      ["target", "query", true],
    ]);
    const result = doc.paths["/api/v1/pages/{slug}/result"]!.get.parameters!.map((p) => p.name);
    expect(result).toEqual(expect.arrayContaining(["path", "page", "sort", "show", "group", "feature", "q"]));
  });

  it("the reference page lists each path, parameter and schema from the document", () => {
    const html = referenceHtml(openApiDocument() as unknown as Record<string, unknown>);
    for (const r of restRoutes) expect(html).toContain(`GET /api/v1${r.path}`);
    expect(html).toContain("<code>source</code>");
    expect(html).toMatch(/<code>show<\/code><\/td><td>query<\/td><td><code>&#34;all&#34; \| &#34;fit&#34; \| &#34;compatible&#34;<\/code>/);
    expect(html).toContain('id="schema-Result"');
  });
});
