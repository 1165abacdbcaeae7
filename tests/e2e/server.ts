import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { isolatedBuildEnv } from "./isolated-build";

/** A raw HTTP request to the test server, with any Host header (fetch forbids setting Host). */
export function request(
  baseUrl: string,
  path: string,
  opts: { method?: string; host?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const u = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: opts.method ?? "GET",
        // Another loopback address (127.0.0.2…) is another client, as far as the socket tells.
        localAddress: opts.localAddress,
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

/** A port the OS just handed out as free. Another process could take it before next binds it; the nonce check catches that. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A build directory for this server: `.next-e2e-<name>` so runs reuse its compile cache, unless another
 * live run of this checkout holds it — then one of its own, so two runs never share a build.
 */
function claimDistDir(name: string, port: number): { distDir: string; release(): void } {
  const preferred = `.next-e2e-${name}`;
  const lock = `${preferred}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, "wx");
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return {
        distDir: preferred,
        release: () => {
          try {
            unlinkSync(lock);
          } catch {
            // already gone
          }
        },
      };
    } catch {
      const holder = Number(readFileSync(lock, "utf8").trim());
      if (holder && pidAlive(holder)) break;
      unlinkSync(lock); // left by a run that died
    }
  }
  return { distDir: `.next-e2e-${name}-${port}`, release: () => {} };
}

export interface TestServer {
  url: string;
  port: number;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Builds the app for production into `.next-e2e-<name>` (its webpack cache makes rebuilds faster).
 * Some behaviour differs between `next dev` and `next start` (request-body handling did).
 */
async function buildProduction(distDir: string, env: Record<string, string>): Promise<void> {
  const child = spawn("npx", ["next", "build"], {
    env: { ...process.env, ...isolatedBuildEnv(distDir), ...env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed:\n${output.slice(-4000)}`);
}

/**
 * Starts `next dev` (dev sign-in needs a non-production server; `production: true` builds and runs
 * the production server, server.ts, instead) on `port` — or, when none is given, on a
 * free port the OS picks — and waits until ITS /api/health answers: the server is started with a random
 * `E2E_SERVER_NONCE` that the health endpoint echoes, so a run can never test somebody else's server
 * (and database) that happens to answer on the same port.
 * No `--hostname`: with one, Next treats middleware rewrites as external and proxies them.
 */
export async function startServer(opts: {
  /** Forces the port (E2E_PORT); default: a free ephemeral one. */
  port?: number;
  /** Build directory suffix; two servers of one run need different names. */
  name?: string;
  production?: boolean;
  env: Record<string, string> | ((port: number) => Record<string, string>);
}): Promise<TestServer> {
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    try {
      return await startOn(port, opts.name ?? "app", opts.env, opts.production ?? false);
    } catch (err) {
      // Only a port picked by us can be picked again; a forced port that is taken is the caller's problem.
      if (opts.port !== undefined || attempt >= 3 || !(err as { portTaken?: boolean }).portTaken) throw err;
    }
  }
}

async function startOn(
  port: number,
  name: string,
  envOf: Record<string, string> | ((port: number) => Record<string, string>),
  production: boolean,
): Promise<TestServer> {
  const nonce = randomBytes(16).toString("hex");
  const dist = claimDistDir(name, port);
  const extra = typeof envOf === "function" ? envOf(port) : envOf;
  try {
    // E2E_REUSE_BUILD=1 (iterating on a test only): start the last build of this directory as it is.
    if (production && !(process.env.E2E_REUSE_BUILD === "1" && existsSync(`${dist.distDir}/BUILD_ID`))) await buildProduction(dist.distDir, extra);
  } catch (err) {
    dist.release();
    throw err;
  }
  // Production is `npm start`'s server (server.ts: Next behind the micro-cache), not bare `next start`.
  const command = production ? ["tsx", "server.ts"] : ["next", "dev", "--port", String(port)];
  const child: ChildProcess = spawn("npx", command, {
    env: { ...process.env, ...isolatedBuildEnv(dist.distDir), ...extra, PORT: String(port), E2E_SERVER_NONCE: nonce, NODE_ENV: production ? "production" : "development" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    dist.release();
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) {
      dist.release();
      const err = new Error(`${production ? "server.ts" : "next dev"} exited early on port ${port}:\n${output.slice(-4000)}`);
      Object.assign(err, { portTaken: /EADDRINUSE/.test(output) });
      throw err;
    }
    try {
      const r = await request(url, "/api/health");
      if (r.status === 200) {
        const seen = r.headers["x-e2e-server-nonce"];
        if (seen === nonce) break;
        await stop();
        const err = new Error(`port ${port} is answered by a server that is not ours (nonce ${String(seen)}); refusing to test it`);
        Object.assign(err, { portTaken: true });
        throw err;
      }
    } catch (err) {
      if ((err as { portTaken?: boolean }).portTaken) throw err;
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${production ? "server.ts" : "next dev"} did not become healthy in 180s:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, port, output: () => output, stop };
}
