import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { isolatedBuildEnv } from "./isolated-build";

/** A raw HTTP request to the test server, with any Host header (fetch forbids setting Host). */
export function request(
  baseUrl: string,
  path: string,
  opts: { method?: string; host?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const u = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: opts.method ?? "GET",
        headers: { ...(opts.host ? { host: opts.host } : {}), ...(opts.headers ?? {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.setTimeout(120_000, () => req.destroy(new Error(`timeout: ${path}`)));
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/**
 * Starts `next dev` (dev sign-in needs a non-production server) and waits for /api/health.
 * No `--hostname`: with one, Next treats middleware rewrites as external and proxies them.
 */
export async function startServer(opts: { port: number; env: Record<string, string> }): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn("npx", ["next", "dev", "--port", String(opts.port)], {
    env: { ...process.env, ...isolatedBuildEnv(`.next-e2e-${opts.port}`), ...opts.env, NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next dev exited early:\n${output.slice(-4000)}`);
    try {
      const r = await request(url, "/api/health");
      if (r.status === 200) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`next dev did not become healthy in 180s:\n${output.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    async stop() {
      if (child.pid) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
    },
  };
}
