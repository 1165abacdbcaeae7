/** Joins class names, skipping falsy ones (no tailwind-merge: callers don't pass conflicting classes). */
export function cn(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}
