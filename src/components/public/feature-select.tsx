import { Select } from "~/components/ui/select";
import type { FeatureInfo } from "./types";

/** A feature picker ("Any feature" or one rule), shared by the Finder's and the Matrix's filters. */
export function FeatureSelect({ id, value, onChange, features }: { id: string; value: string | null; onChange(id: string | null): void; features: FeatureInfo[] }) {
  return (
    <Select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || null)}>
      <option value="">Any feature</option>
      {features.map((f) => (
        <option key={f.id} value={f.id}>
          {f.name}
        </option>
      ))}
    </Select>
  );
}
