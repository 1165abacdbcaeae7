import { describe, expect, it } from "vitest";
import { schemaJsonSchema } from "~/server/catalog/schema-json";
import { fromSchemaJson, parseOptionsText, toSchemaJson } from "./schema-model";

describe("schema form model", () => {
  it("round-trips labels, descriptions, units and option labels through the form", () => {
    const json = {
      fields: [
        { name: "id", type: "string", required: true },
        { name: "clientType", type: "enum", required: true, label: "Client type", description: "Where it runs", options: ["backend", "a=b"], optionLabels: { backend: "Backend service" }, optionDescriptions: { "a=b": "odd" } },
        { name: "ctx", type: "number", required: false, label: "Context", unit: "tokens" },
      ],
      dimensions: ["clientType"],
      keyField: "id",
    };
    const back = toSchemaJson(fromSchemaJson(json), "source");
    expect(back).toEqual(json);
    expect(schemaJsonSchema.safeParse(back).success).toBe(true);
  });

  it("reads 'value = Label' in the options text, keeping '=' inside a value", () => {
    expect(parseOptionsText("eu = Europe, us, x=y , ,")).toEqual({ options: ["eu", "us", "x=y"], labels: { eu: "Europe" } });
  });
});
