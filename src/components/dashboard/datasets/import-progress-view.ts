/**
 * What the import progress bar and its line say, from one `imports.get` answer, so they cannot
 * disagree: the bar is determinate whenever the total is known (at 0 % while no row is done,
 * never a decorative third), and indeterminate only while the total is unknown — then the line
 * names the stage instead of "0 / 0 rows". docs/dashboard.md.
 */
export interface ImportProgressView {
  value: number;
  /** null: indeterminate. */
  max: number | null;
  text: string;
}

const fmt = (n: number) => n.toLocaleString("en-US");

export function importProgressView(v: { status: string; rowsDone: number; rowsTotal: number } | undefined): ImportProgressView {
  if (!v || v.rowsTotal <= 0) return { value: 0, max: null, text: v?.status === "processing" ? "Reading the file…" : "Waiting to start…" };
  const done = Math.min(v.rowsDone, v.rowsTotal);
  return { value: done, max: v.rowsTotal, text: `${fmt(done)} / ${fmt(v.rowsTotal)} rows` };
}
