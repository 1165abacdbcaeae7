/**
 * The production server (`npm start`): Next's request handler behind the micro-cache
 * (src/server/http/micro-cache.ts), on PORT (default 3000). Everything else is Next's own
 * `next start`; a serverless deployment skips this file and relies on the CDN headers instead
 * (docs/read-path.md).
 */
import { createServer } from "node:http";
import next from "next";
import { env } from "~/env";
import { withMicroCache } from "~/server/http/micro-cache";

const port = env.PORT;
const ttlMs = env.PUBLIC_MICROCACHE_MS;
const maxBytes = env.PUBLIC_MICROCACHE_BYTES;

const app = next({ dev: false, dir: import.meta.dirname, port });
await app.prepare();
const handle = app.getRequestHandler();
const serve = withMicroCache({ ttlMs, maxBytes, maxEntryBytes: 2 * 1024 * 1024 }, (req, res) => handle(req, res));

createServer((req, res) => void serve(req, res)).listen(port, () => {
  console.log(`▲ ready on http://localhost:${port} (micro-cache ${ttlMs > 0 ? `${ttlMs} ms` : "off"})`);
});
