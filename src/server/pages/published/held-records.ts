/**
 * This process's copies of `published_pages` records, by (organization, slug). Held for at most
 * PUBLIC_POINTER_TTL_MS, forgotten at once when this process commits a change to the organization's
 * published pages; another process sees the change when its copy expires (docs/read-path.md).
 */
import { env } from "~/env";
import { Held, processWide } from "~/server/held";
import { forgetSharedResponses } from "~/server/http/micro-cache";
import type { PublishedRecord } from "./projection";

export const heldRecords = processWide("pages.publishedRecords", () => new Held<PublishedRecord | null>(() => env.PUBLIC_POINTER_TTL_MS));

export const recordKey = (orgId: string, slug: string) => `${orgId}\u0000${slug}`;

/** Call after committing anything that moves an organization's published pages. */
export function publishedChanged(orgId: string): void {
  heldRecords.forget(`${orgId}\u0000`);
  forgetSharedResponses();
}
