import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { seedDataset, seedExamplePage, sourceCsv, sourceSchema } from "~/server/pages/testing/fixtures";
import { createTestOrg, publicCaller } from "~/test/helpers";

/** Issue 11 item 6: a dataset a draft or a live revision uses cannot be deleted from under it. */
async function refusal(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error("expected a refusal, the delete was accepted");
}

describe("deleting a dataset that a page uses", () => {
  it("is refused while the live revision uses it, even after the draft moved on, naming the page", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page, sourceDatasetId } = await seedExamplePage(org, { slug: "live-uses" });
    await org.caller.pages.publish({ pageId: page.id });
    const other = await seedDataset(org.caller, "sources", sourceSchema, sourceCsv, "clients-2");
    await org.caller.pages.update({ id: page.id, sourceDatasetId: other });

    const err = await refusal(org.caller.sources.datasets.delete({ id: sourceDatasetId }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toContain(`"${page.name}" (/live-uses, live revision)`);
    expect(await org.caller.sources.datasets.get({ id: sourceDatasetId })).toMatchObject({ id: sourceDatasetId });
    // The public page still answers.
    const slug = (await org.caller.org.me()).organization.slug;
    await expect(publicCaller({ by: "slug", value: slug, basePath: `/p/${slug}` }).public.page({ slug: "live-uses" })).resolves.toMatchObject({ slug: "live-uses" });

    // The draft's new dataset is in use by the draft.
    expect((await refusal(org.caller.sources.datasets.delete({ id: other }))).message).toContain("(/live-uses, draft)");
  });

  it("is refused for a draft-only page; allowed once no page uses it", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page, targetDatasetId } = await seedExamplePage(org, { slug: "draft-uses" });
    expect((await refusal(org.caller.targets.datasets.delete({ id: targetDatasetId }))).message).toContain("(/draft-uses, draft)");
    await org.caller.pages.delete({ id: page.id });
    await expect(org.caller.targets.datasets.delete({ id: targetDatasetId })).resolves.toMatchObject({ id: targetDatasetId });
  });
});
