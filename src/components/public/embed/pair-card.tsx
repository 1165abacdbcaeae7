import { FeatureStatusMark, VerdictBadge } from "../verdict";
import type { Verdict } from "../types";

export interface PairView {
  source: { label: string };
  target: { label: string; group: string | null };
  verdict: Verdict;
  note: string | null;
  features: { ruleId: string; status: "pass" | "fail" | "unknown"; sentence?: string | null }[];
}

/** One pair, compact: the verdict and each feature with its plain-language reason (the `check` answer). */
export function PairCard({ pair, featureNames }: { pair: PairView; featureNames: Map<string, string> }) {
  return (
    <section aria-label="Compatibility of one pair" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-base font-semibold">
          {pair.source.label} × {pair.target.label}
        </p>
        <VerdictBadge verdict={pair.verdict} />
      </div>
      {pair.note && <p className="text-sm text-slate-600">{pair.note}</p>}
      <ul className="space-y-1 text-sm">
        {pair.features.map((f) => (
          <li key={f.ruleId} className="flex gap-2">
            <FeatureStatusMark status={f.status} />
            <span>
              {featureNames.get(f.ruleId) ?? f.ruleId}
              {f.status !== "pass" && f.sentence && <span className="block text-xs text-slate-600">{f.sentence}</span>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
