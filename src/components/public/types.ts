/**
 * What the public pages read: the outputs of the `public.*` procedures
 * (src/server/api/routers/public.ts) and the engine's result types.
 */
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import type { FeatureInfo, MatrixCell, MatrixGroup, MatrixRow, ResultPayload, TargetResult, Verdict } from "~/server/engine/types";

export type { FeatureInfo, MatrixCell, MatrixGroup, MatrixRow, ResultPayload, TargetResult, Verdict };

type PublicOutputs = inferRouterOutputs<AppRouter>["public"];

export type PublicPageInfo = PublicOutputs["page"];
export type Dimension = PublicPageInfo["dimensions"][number];
/** The choices of one level of the selection form. */
export type LevelOptions = PublicOutputs["options"];
export type OptionItem = LevelOptions["values"][number];
/** A Finder result page; `needsDeeperSelection` when the path is shorter than `minDepth`. */
export type FinderResult = PublicOutputs["result"];
/** Its first-screen form (`public.summary`, src/lib/compact-result.ts). */
export type FinderSummary = PublicOutputs["summary"];
/** A slice of Matrix rows with the column layout (`groups`) and the features. */
export type MatrixSlice = PublicOutputs["matrix"] & { targets?: { key: string; label: string }[] };
