import { describe, expect, it } from "vitest";
import { schemaJsonSchema } from "./schema-json";

const base = (field: Record<string, unknown>) => ({ fields: [{ name: "id", type: "string", required: true }, field] });

describe("schema labels", () => {
  it("accepts a schema without any labels (older schemas stay valid)", () => {
    expect(schemaJsonSchema.safeParse(base({ name: "tier", type: "enum", options: ["a", "b"] })).success).toBe(true);
  });

  it("keeps label, description, unit and option labels", () => {
    const parsed = schemaJsonSchema.parse(
      base({
        name: "clientType",
        type: "enum",
        options: ["backend", "web"],
        label: " Client type ",
        description: "Where the app runs",
        optionLabels: { backend: "Backend service" },
        optionDescriptions: { web: "Runs in a browser" },
      }),
    );
    expect(parsed.fields[1]).toMatchObject({ label: "Client type", description: "Where the app runs", optionLabels: { backend: "Backend service" } });
    expect(schemaJsonSchema.parse(base({ name: "ctx", type: "number", unit: "tokens" })).fields[1]!.unit).toBe("tokens");
  });

  it("refuses option labels for values that are not options, and on non-enum fields", () => {
    const r = schemaJsonSchema.safeParse(base({ name: "tier", type: "enum", options: ["a"], optionLabels: { b: "Bee" } }));
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(["fields", 1, "optionLabels", "b"]);
    expect(schemaJsonSchema.safeParse(base({ name: "n", type: "number", optionLabels: { a: "A" } })).success).toBe(false);
  });
});
