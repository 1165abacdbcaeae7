import { notFound } from "next/navigation";
import type { Side } from "./schemas/schema-model";

/** `/…/source/…` or `/…/target/…`; anything else is a 404. */
export function sideParam(raw: string): Side {
  if (raw !== "source" && raw !== "target") notFound();
  return raw;
}

/** A positive integer id from the URL, or a 404. */
export function idParam(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}
