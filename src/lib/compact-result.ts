/**
 * The first-screen form of a Finder result (`public.summary`, docs/read-path.md): what the list
 * of targets shows — verdict, label, group, columns, score, override note — with each target's
 * feature statuses as one letter per page feature instead of the per-feature explanations and
 * sentences, which the breakdown fetches (`public.result`) when a visitor opens it. Shared by
 * the server (stored beside the full answer) and the browser (Convex reads, and expanding it back
 * to the shape the components take), so it imports nothing.
 */

type Status = "pass" | "fail" | "unknown";

interface FullFeature {
  ruleId: string;
  status: Status;
}

interface FullLike {
  features: { id: string }[];
  targets: { features: FullFeature[] }[];
}

const LETTER: Record<Status, string> = { pass: "p", fail: "f", unknown: "u" };
const STATUS: Record<string, Status> = { p: "pass", f: "fail", u: "unknown" };
/** A page feature this target has no result for (not expected, but kept apart from the others). */
const ABSENT = "-";

export type CompactTarget<T> = Omit<T, "features"> & { statuses: string };
export type CompactResult<R extends FullLike> = Omit<R, "targets"> & { compact: true; targets: CompactTarget<R["targets"][number]>[] };

/** Drops explanations and sentences; `statuses[i]` is the target's status for `features[i]`. */
export function compactFinderResult<R extends FullLike>(full: R): CompactResult<R> {
  const ids = full.features.map((f) => f.id);
  return {
    ...full,
    compact: true,
    targets: full.targets.map((t) => {
      const { features, ...rest } = t;
      const byRule = new Map(features.map((f) => [f.ruleId, f.status]));
      const statuses = ids.map((id) => {
        const s = byRule.get(id);
        return s ? LETTER[s] : ABSENT;
      });
      return { ...rest, statuses: statuses.join("") };
    }),
  } as unknown as CompactResult<R>;
}

/**
 * Back to the components' shape: each target's features as `{ ruleId, status, explanation: null }`
 * in page-feature order. `compact: true` tells a breakdown to fetch the full result for the words.
 */
export function expandCompactResult<R extends FullLike>(compact: CompactResult<R>): R & { compact: true } {
  const ids = compact.features.map((f) => f.id);
  return {
    ...compact,
    targets: compact.targets.map((t) => {
      const { statuses, ...rest } = t;
      const features: (FullFeature & { explanation: null })[] = [];
      ids.forEach((ruleId, i) => {
        const status = STATUS[statuses[i] ?? ABSENT];
        if (status) features.push({ ruleId, status, explanation: null });
      });
      return { ...rest, features };
    }),
  } as unknown as R & { compact: true };
}
