/** The bar's filled share in percent, as ProgressBar draws it (null when indeterminate). */
export function progressPercent(value: number, max: number | null): number | null {
  return max && max > 0 ? Math.min(100, Math.round((value / max) * 100)) : null;
}
