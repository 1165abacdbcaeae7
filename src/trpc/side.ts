import type { Side } from "~/server/catalog/tables";

/**
 * The catalog router of one side — `sources.*` or `targets.*`, built by one factory on the server
 * (src/server/api/routers/catalog.ts) — from either options proxy: `useTRPC()` in client components,
 * `trpc` from `~/trpc/server` in server components.
 */
export function sideRouter<P extends { sources: unknown; targets: unknown }>(proxy: P, side: Side): P["sources"] | P["targets"] {
  return side === "source" ? proxy.sources : proxy.targets;
}
