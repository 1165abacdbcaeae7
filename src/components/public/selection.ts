/**
 * The Finder's selection in the URL: `?path=<level 0>&path=<level 1>…[&page=n]`, one repeated
 * `path` parameter per chosen level, in cascade order.
 * Repeated parameters are encoded by URLSearchParams, so values may contain `/`, `&`, `=`, spaces
 * or any Unicode: nothing needs an escaping scheme of our own. Shared by the server page (first
 * paint) and the client (pushState), so both read the same thing from the same URL.
 */

/** The API's bound on one path value. */
export const MAX_PATH_VALUE_LENGTH = 255;

export interface Selection {
  path: string[];
  /** 1-based result page. */
  page: number;
}

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

function all(params: RawParams, name: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(name);
  const v = params[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Reads a selection, dropping anything malformed; `maxDepth` = the number of cascade levels. */
export function parseSelection(params: RawParams, maxDepth: number): Selection {
  const path: string[] = [];
  for (const value of all(params, "path")) {
    // An empty or oversized value ends the path: later levels depend on it.
    if (!value || value.length > MAX_PATH_VALUE_LENGTH || path.length >= maxDepth) break;
    path.push(value);
  }
  const n = Number(all(params, "page")[0] ?? "1");
  const page = Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
  return { path, page };
}

/** `?path=…&page=…` (page omitted when 1); "" for an empty selection. */
export function selectionSearch(sel: Selection): string {
  const params = new URLSearchParams();
  for (const v of sel.path) params.append("path", v);
  if (sel.page > 1) params.set("page", String(sel.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** `?revision=N`: the page as of a past published revision (docs/changes.md); undefined when absent or malformed. */
export function parseRevision(params: RawParams): number | undefined {
  const raw = all(params, "revision")[0];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : undefined;
}
