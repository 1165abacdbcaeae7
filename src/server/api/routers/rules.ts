import { z } from "zod";
import { adminProcedure, createTRPCRouter, orgProcedure } from "~/server/api/trpc";
import { checkJsonBounds, MAX_RULE_SENTENCE, createRule, deleteRule, listRules, reorderRules, updateRule, validateRuleForPage } from "~/server/pages";

const id = z.number().int().positive();

/**
 * Rule logic is any JSON, bounded in size and depth here — before anything walks it. The check is
 * iterative, so a 10,000-deep value is refused without recursion.
 */
const logic = z.unknown().superRefine((value, ctx) => {
  // JSON null would be stored as SQL NULL in a NOT NULL column (a 500); it is no rule anyway.
  if (value === undefined || value === null) {
    ctx.addIssue({ code: "custom", message: "logic is required" });
    return;
  }
  const problem = checkJsonBounds(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem.message, params: { bound: problem.kind } });
});

/** A rule's own visitor sentence: `{source}` and `{target}` stand for the two rows' labels. */
const sentence = z
  .string()
  .superRefine((s, ctx) => {
    const n = s.trim().length;
    if (n > MAX_RULE_SENTENCE) ctx.addIssue({ code: "custom", message: `A sentence is at most ${MAX_RULE_SENTENCE} characters; this one has ${n}` });
  })
  .nullish();
const sentences = z.object({ fail: sentence, unknown: sentence }).strict().nullish();

const ruleFields = {
  name: z.string().trim().min(1).max(255),
  description: z.string().max(4000).nullish(),
  required: z.boolean().default(false),
  weight: z.number().positive().max(1_000_000).finite().default(1),
  category: z.string().trim().max(128).nullish(),
  logic,
  sentences,
};

export const rulesRouter = createTRPCRouter({
  list: orgProcedure.input(z.object({ pageId: id })).query(({ ctx, input }) => listRules(ctx.db, ctx.org.id, input.pageId)),
  create: adminProcedure
    .input(z.object({ pageId: id, ...ruleFields }))
    .mutation(({ ctx, input: { pageId, ...rule } }) => createRule(ctx.scope, ctx.org, pageId, rule)),
  update: adminProcedure
    .input(
      z.object({
        id,
        name: ruleFields.name.optional(),
        description: ruleFields.description,
        required: z.boolean().optional(),
        weight: z.number().positive().max(1_000_000).finite().optional(),
        category: ruleFields.category,
        logic: logic.optional(),
        sentences,
      }),
    )
    .mutation(({ ctx, input: { id: ruleId, ...patch } }) => updateRule(ctx.scope, ruleId, patch)),
  delete: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deleteRule(ctx.scope, input.id)),
  reorder: adminProcedure
    .input(z.object({ pageId: id, ruleIds: z.array(id).max(1000) }))
    .mutation(({ ctx, input }) => reorderRules(ctx.scope, input.pageId, input.ruleIds)),
  /** Dry run: the errors `create` would refuse this logic with. */
  validate: orgProcedure
    .input(z.object({ pageId: id, logic }))
    .query(({ ctx, input }) => validateRuleForPage(ctx.db, ctx.org.id, input.pageId, input.logic)),
});
