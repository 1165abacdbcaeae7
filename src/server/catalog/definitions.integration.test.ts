import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, type TestOrg } from "~/test/helpers";
import { csv, deviceSchema, makeDataset, modelSchema } from "./test-fixtures";
import { errorOf } from "~/test/trpc-errors";

const details = (e: TRPCError) => (e.cause as { details?: Record<string, unknown> } | undefined)?.details;

describe("definitions", () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg({ tier: "team" });
  });

  it("creates, lists, gets, renames and deletes; slugs are unique per organization", async () => {
    const r = org.caller.targets.definitions;
    const def = await r.create({ slug: "llms", name: "LLMs", description: "Models", schema: modelSchema });
    expect(def).toEqual({ id: def.id, slug: "llms", name: "LLMs", description: "Models", schema: { ...modelSchema, dimensions: [], fields: modelSchema.fields.map((f) => ({ ...f, required: f.required })) }, createdAt: expect.any(Date), updatedAt: expect.any(Date) });
    expect(Object.keys(def)).not.toContain("organizationId");
    expect((await errorOf(r.create({ slug: "llms", name: "Again", schema: modelSchema }))).code).toBe("CONFLICT");
    const other = await createTestOrg();
    await other.caller.targets.definitions.create({ slug: "llms", name: "Theirs", schema: modelSchema });
    expect((await r.list()).map((d) => d.slug)).toContain("llms");
    expect((await r.update({ id: def.id, name: "Language models" })).name).toBe("Language models");
    await r.delete({ id: def.id });
    expect((await errorOf(r.get({ id: def.id }))).code).toBe("NOT_FOUND");
  });

  it("validates schemas: targets take no dimensions, dimensions must be string/enum fields", async () => {
    const t = await errorOf(org.caller.targets.definitions.create({ slug: "dims", name: "Dims", schema: { ...deviceSchema } }));
    expect(t.code).toBe("BAD_REQUEST");
    expect(t.message).toMatch(/Target schemas have no dimensions/);
    const s = await errorOf(
      org.caller.sources.definitions.create({ slug: "bad", name: "Bad", schema: { fields: [{ name: "id", type: "string", required: true }, { name: "n", type: "number" }], dimensions: ["n"] } }),
    );
    expect(s.code).toBe("BAD_REQUEST");
    expect(s.message).toMatch(/schema\.dimensions\.0: dimension "n" must be a string or enum field/);
  });

  it("refuses field names that differ only by case, on create and on update (issue 11.10)", async () => {
    const r = org.caller.targets.definitions;
    const cased = { fields: [{ name: "id", type: "string", required: true }, { name: "J", type: "string" }, { name: "j", type: "number" }] };
    const created = await errorOf(r.create({ slug: "cased", name: "Cased", schema: cased }));
    expect(created.code).toBe("BAD_REQUEST");
    expect(created.message).toMatch(/schema\.fields\.2\.name: fields "J" and "j" differ only by case/);
    const def = await r.create({ slug: "cased-ok", name: "Cased", schema: { fields: [{ name: "id", type: "string", required: true }, { name: "J", type: "string" }] } });
    const updated = await errorOf(r.update({ id: def.id, schema: cased }));
    expect(updated.code).toBe("BAD_REQUEST");
    expect(updated.message).toMatch(/differ only by case/);
    expect((await r.get({ id: def.id })).schema.fields.map((f) => f.name)).toEqual(["id", "J"]);
  });

  it("applies tier limits: schemas per side and dimensions per schema", async () => {
    const small = await createTestOrg({ tier: "personal" });
    const r = small.caller.sources.definitions;
    const one = { fields: [{ name: "id", type: "string", required: true }] };
    await r.create({ slug: "a", name: "A", schema: one });
    await r.create({ slug: "b", name: "B", schema: one });
    const third = await errorOf(r.create({ slug: "c", name: "C", schema: one }));
    expect(third.code).toBe("FORBIDDEN");
    expect(details(third)).toMatchObject({ limit: "sourceSchemas", use: 3, max: 2, tier: "personal" });
    // Targets count separately.
    await small.caller.targets.definitions.create({ slug: "a", name: "A", schema: one });

    const five = { fields: ["id", "a", "b", "c", "d", "e"].map((name) => ({ name, type: "string", required: true })), dimensions: ["a", "b", "c", "d", "e"] };
    await r.delete({ id: (await r.list())[0]!.id });
    const dims = await errorOf(r.create({ slug: "d", name: "D", schema: five }));
    expect(details(dims)).toMatchObject({ limit: "dimensionsPerSchema", use: 5, max: 4 });
  });

  it("refuses to delete a definition that still has datasets", async () => {
    const { def, ds, router } = await makeDataset(org, "source");
    const err = await errorOf(router.definitions.delete({ id: def.id }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toContain(`"${ds.name}" (#${ds.id})`);
    await router.datasets.delete({ id: ds.id });
    await router.definitions.delete({ id: def.id });
  });

  describe("schema changes with rows", () => {
    const header = "id,name,vendor,family,model,ramGb,hasNfc,tier";
    async function withRows() {
      const made = await makeDataset(org, "source");
      await made.router.datasets.import({ datasetId: made.ds.id, format: "csv", content: csv(header, "p1,Pixel,Google,phone,P8,8,yes,high", "p2,Tab,Google,tablet,PT,,no,"), wait: true });
      return made;
    }
    const fields = (patch: (fs: typeof deviceSchema.fields) => unknown[]) => ({ ...deviceSchema, fields: patch(deviceSchema.fields.map((f) => ({ ...f }))) });

    it("refuses changes that orphan rows, naming the fields and rows", async () => {
      const { def, router } = await withRows();
      const removed = await errorOf(router.definitions.update({ id: def.id, schema: fields((fs) => fs.filter((f) => f.name !== "ramGb")) }));
      expect(removed.code).toBe("CONFLICT");
      expect(removed.message).toContain('Field "ramGb" cannot be removed: 1 row ("p1") has a value for it');
      expect(details(removed)).toMatchObject({ conflicts: [{ field: "ramGb", change: "removed", rows: 1, sampleKeys: ["p1"] }] });

      const retyped = await errorOf(router.definitions.update({ id: def.id, schema: fields((fs) => fs.map((f) => (f.name === "hasNfc" ? { name: "hasNfc", type: "string", required: false } : f))) }));
      expect(retyped.message).toContain('Field "hasNfc" cannot change type from boolean to string: 2 rows ("p1", "p2")');

      const required = await errorOf(router.definitions.update({ id: def.id, schema: fields((fs) => fs.map((f) => (f.name === "tier" ? { ...f, required: true } : f))) }));
      expect(required.message).toContain('Field "tier" cannot become required: 1 row ("p2") has no value for it');

      const options = await errorOf(router.definitions.update({ id: def.id, schema: fields((fs) => fs.map((f) => (f.name === "family" ? { ...f, options: ["phone", "laptop"] } : f))) }));
      expect(options.message).toContain('Field "family" cannot drop option "tablet": 1 row ("p2") uses it');

      const key = await errorOf(router.definitions.update({ id: def.id, schema: { ...deviceSchema, keyField: "name" } }));
      expect(key.message).toContain('The key field cannot change from "id" to "name"');
      const dims = await errorOf(router.definitions.update({ id: def.id, schema: { ...deviceSchema, dimensions: ["vendor", "family"] } }));
      expect(dims.message).toContain("The dimensions cannot change");
      expect((await router.definitions.get({ id: def.id })).schema.fields).toHaveLength(deviceSchema.fields.length);
    });

    it("allows widening: new optional fields, new options, enum → string, dropping required; a new label field relabels rows", async () => {
      const { def, ds, router } = await withRows();
      const widened = fields((fs) => [
        ...fs.map((f) => (f.name === "tier" ? { name: "tier", type: "string", required: false } : f.name === "family" ? { ...f, options: [...f.options!, "watch"] } : f.name === "name" ? { ...f, required: false } : f)),
        { name: "notes", type: "string", required: false },
      ]);
      const updated = await router.definitions.update({ id: def.id, schema: { ...widened, labelField: "model" } });
      expect(updated.schema.fields.map((f) => f.name)).toContain("notes");
      const rows = await router.datasets.rows({ datasetId: ds.id });
      expect(rows.items.map((r) => r.label).sort()).toEqual(["P8", "PT"]);
      expect((await router.datasets.get({ id: ds.id })).version).toBe(2);
    });

    it("allows any change once the datasets are empty", async () => {
      const { def } = await makeDataset(org, "source");
      const r = org.caller.sources.definitions;
      await r.update({ id: def.id, schema: { ...deviceSchema, dimensions: ["vendor"] } });
    });
  });
});
