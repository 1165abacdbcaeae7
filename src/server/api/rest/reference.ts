/**
 * The REST API's reference page, rendered from the generated OpenAPI document (no hand-written
 * copy): each path with its parameters and answer schema, and the schemas themselves.
 */
type Json = Record<string, unknown>;

const esc = (s: unknown) => String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A schema in one line: `{ slug: string; pages: Page[] }`, refs by name. */
function typeText(s: Json | undefined, depth = 0): string {
  if (!s) return "unknown";
  if (typeof s.$ref === "string") return s.$ref.split("/").pop()!;
  const alts = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (alts) return alts.map((a) => typeText(a, depth)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((e) => JSON.stringify(e)).join(" | ");
  const type = Array.isArray(s.type) ? s.type.join(" | ") : s.type;
  if (type === "array") return `${typeText(s.items as Json, depth)}[]`;
  if (type === "object" && s.properties && Object.keys(s.properties).length > 0) {
    if (depth > 1) return "object";
    const req = new Set((s.required as string[] | undefined) ?? []);
    return `{ ${Object.entries(s.properties as Record<string, Json>).map(([k, v]) => `${k}${req.has(k) ? "" : "?"}: ${typeText(v, depth + 1)}`).join("; ")} }`;
  }
  return String(type ?? "any");
}

export function referenceHtml(doc: Json): string {
  const info = doc.info as Json;
  const servers = (doc.servers as Json[]).map((s) => `<code>${esc(s.url)}</code> — ${esc(s.description)}`).join("<br>");
  const paths = Object.entries(doc.paths as Record<string, Record<string, Json>>)
    .map(([path, item]) => {
      const op = item.get!;
      const params = ((op.parameters as Json[] | undefined) ?? [])
        .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}${p.required ? ", required" : ""}</td><td><code>${esc(typeText(p.schema as Json))}</code></td><td>${esc(p.description ?? (p.schema as Json)?.description)}</td></tr>`)
        .join("");
      const ok = (op.responses as Record<string, Json>)["200"]!;
      const answers = Object.entries((ok.content as Record<string, Json>) ?? {})
        .map(([type, media]) => `<code>${esc(type)}</code>: <code>${esc(typeText(media.schema as Json))}</code>`)
        .join("<br>");
      const codes = Object.entries(op.responses as Record<string, Json>).map(([code, r]) => `<li><b>${esc(code)}</b> ${esc(r.description)}</li>`).join("");
      return `<section id="${esc(op.operationId)}"><h2><code>GET ${esc(path)}</code></h2><p><b>${esc(op.summary)}.</b> ${esc(op.description)}</p>${params ? `<table><tr><th>parameter</th><th>in</th><th>type</th><th></th></tr>${params}</table>` : ""}<p>Answer: ${answers}</p><ul>${codes}</ul></section>`;
    })
    .join("\n");
  const schemas = Object.entries(((doc.components as Json | undefined)?.schemas as Record<string, Json> | undefined) ?? {})
    .map(([name, s]) => `<dt id="schema-${esc(name)}"><code>${esc(name)}</code></dt><dd><code>${esc(typeText(s))}</code>${s.description ? ` — ${esc(s.description)}` : ""}</dd>`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}code{font:13px ui-monospace,monospace}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}section{border-top:1px solid #eee;margin-top:1.5rem}@media(prefers-color-scheme:dark){body{background:#111;color:#eee}td,th{border-color:#333}}</style></head>
<body><h1>${esc(info.title)}</h1><p>${esc(info.description)}</p><p>Version ${esc(info.version)} · OpenAPI ${esc(doc.openapi)} · <a href="openapi.json">openapi.json</a></p><p>${servers}</p>
${paths}
<section><h2>Schemas</h2><dl>${schemas}</dl></section></body></html>`;
}
