/**
 * What `npm run dev` and `npm test` need running, found or started:
 *   - MySQL/MariaDB: the configured server if it answers; otherwise, when the URL is the local
 *     default and the server binaries are installed, a private server on a data folder inside the
 *     project (`.data/mysql`, git-ignored) on a free port;
 *   - Redis (tests): 127.0.0.1:6379 if it answers, else a private `redis-server` on a free port,
 *     else none (the Redis limiter tests then skip, and say so);
 *   - Chromium (browser tests): CHROMIUM_PATH, the usual names on PATH, the usual macOS apps.
 * Deliberately free of `~/env`: callers set process.env from what this finds before the app's
 * environment is read. See docs/development.md.
 */
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

/** The local server the defaults point at: root, empty password, 127.0.0.1:3306. */
export const LOCAL_DATABASE_SERVER = "mysql://root@127.0.0.1:3306";

/* ── binaries ───────────────────────────────────────────────────────────────────────────── */

const EXTRA_BIN_DIRS = ["/usr/sbin", "/usr/local/sbin", "/usr/local/bin", "/opt/homebrew/bin", "/opt/homebrew/sbin", "/usr/local/mysql/bin", "/opt/homebrew/opt/mysql/bin", "/usr/local/opt/mysql/bin"];

/** The first executable called one of `names` on PATH or in the usual server directories. */
export function findBinary(names: string[], extraDirs: string[] = EXTRA_BIN_DIRS): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), ...extraDirs];
  for (const name of names) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/* ── MySQL / MariaDB ────────────────────────────────────────────────────────────────────── */

export type Probe = { ok: true } | { ok: false; code: string; message: string };

/** Connects to a server URL (database part ignored) and reports why it failed, if it did. */
export async function probeDatabase(serverUrl: string, timeoutMs = 3000): Promise<Probe> {
  const u = new URL(serverUrl);
  u.pathname = "/";
  try {
    const conn = await mysql.createConnection({ uri: u.toString(), connectTimeout: timeoutMs });
    await conn.end();
    return { ok: true };
  } catch (err) {
    return { ok: false, code: (err as { code?: string }).code ?? "ERROR", message: (err as Error).message };
  }
}

interface ServerKind {
  flavour: "mariadb" | "mysql";
  daemon: string;
  /** Initialises an empty data directory with a root user that has no password. */
  initArgs(dataDir: string): { cmd: string; args: string[] };
}

/** MariaDB (mariadb-install-db + mariadbd) or MySQL 8 (mysqld --initialize-insecure), whichever is installed. */
export function findServerBinaries(): ServerKind | null {
  const asRoot = process.getuid?.() === 0 ? ["--user=root"] : [];
  const mariadbd = findBinary(["mariadbd"]);
  const installDb = findBinary(["mariadb-install-db", "mysql_install_db"]);
  if (mariadbd && installDb) {
    return {
      flavour: "mariadb",
      daemon: mariadbd,
      initArgs: (dataDir) => ({
        cmd: installDb,
        args: ["--no-defaults", `--datadir=${dataDir}`, "--auth-root-authentication-method=normal", "--skip-test-db", ...asRoot],
      }),
    };
  }
  const mysqld = findBinary(["mysqld"]);
  if (!mysqld) return null;
  const version = spawnSync(mysqld, ["--version"], { encoding: "utf8" }).stdout ?? "";
  if (/mariadb/i.test(version)) {
    if (!installDb) return null;
    return { flavour: "mariadb", daemon: mysqld, initArgs: (dataDir) => ({ cmd: installDb, args: ["--no-defaults", `--datadir=${dataDir}`, "--auth-root-authentication-method=normal", "--skip-test-db", ...asRoot] }) };
  }
  return { flavour: "mysql", daemon: mysqld, initArgs: (dataDir) => ({ cmd: mysqld, args: ["--no-defaults", "--initialize-insecure", `--datadir=${dataDir}`, ...asRoot] }) };
}

export interface PrivateServer {
  url: string;
  /** True when this process started it (and so stops it); false when an earlier run's server was reused. */
  owned: boolean;
  stop(): void;
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

async function waitFor(check: () => Promise<boolean>, exited: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    if (exited()) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/**
 * A MySQL/MariaDB server of the project's own on `folder` (created and initialised on first use).
 * A server an earlier run left running on that folder is reused. The server listens on 127.0.0.1
 * only, on a free port, with root and no password — it is a development database, nothing more.
 */
export async function startPrivateDatabase(kind: ServerKind, folder = path.join(projectRoot, ".data", "mysql")): Promise<PrivateServer> {
  mkdirSync(folder, { recursive: true });
  const dataDir = path.join(folder, "data");
  const portFile = path.join(folder, "port");
  const pidFile = path.join(folder, "mysqld.pid");
  const logFile = path.join(folder, "error.log");

  if (existsSync(portFile)) {
    const url = `mysql://root@127.0.0.1:${readFileSync(portFile, "utf8").trim()}`;
    if ((await probeDatabase(url, 1000)).ok) return { url, owned: false, stop() {} };
  }

  if (!existsSync(dataDir)) {
    // Initialise into a scratch folder and rename, so an interrupted first run never leaves a half-made data directory.
    const scratch = `${dataDir}.init`;
    rmSync(scratch, { recursive: true, force: true });
    const { cmd, args } = kind.initArgs(scratch);
    console.log(`── initialising a private ${kind.flavour} data folder: ${path.relative(projectRoot, dataDir) || dataDir}`);
    const r = spawnSync(cmd, args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed:\n${(r.stderr || r.stdout || "").trim().split("\n").slice(-15).join("\n")}`);
    renameSync(scratch, dataDir);
  }

  const port = await freePort();
  // Unix sockets have a ~100-byte path limit; a deep checkout gets its socket in the temp folder.
  let socket = path.join(folder, "mysqld.sock");
  if (socket.length > 100) socket = path.join(os.tmpdir(), `compat-mysqld-${port}.sock`);
  const args = [
    "--no-defaults",
    `--datadir=${dataDir}`,
    `--port=${port}`,
    "--bind-address=127.0.0.1",
    `--socket=${socket}`,
    `--pid-file=${pidFile}`,
    `--log-error=${logFile}`,
    ...(kind.flavour === "mysql" ? ["--mysqlx=OFF"] : ["--skip-log-bin"]),
    ...(process.getuid?.() === 0 ? ["--user=root"] : []),
  ];
  const child = spawn(kind.daemon, args, { detached: true, stdio: "ignore" });
  child.unref();
  const url = `mysql://root@127.0.0.1:${port}`;
  const up = await waitFor(async () => (await probeDatabase(url, 1000)).ok, () => child.exitCode !== null, 60_000);
  if (!up) {
    try {
      if (child.exitCode === null && child.pid) process.kill(child.pid, "SIGTERM");
    } catch {
      // gone
    }
    throw new Error(`the private ${kind.flavour} server did not start (log ${path.relative(projectRoot, logFile)}):\n${tail(logFile)}`);
  }
  writeFileSync(portFile, `${port}\n`);
  let stopped = false;
  return {
    url,
    owned: true,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        // mariadbd/mysqld shut down cleanly on SIGTERM.
        if (child.pid) process.kill(child.pid, "SIGTERM");
        rmSync(portFile, { force: true });
      } catch {
        // already gone
      }
    },
  };
}

/** Whether a probe failure means "no usable server here" (so a private one may stand in). */
function unusable(p: Probe): boolean {
  return !p.ok && ["ECONNREFUSED", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "ER_ACCESS_DENIED_ERROR", "ER_NOT_SUPPORTED_AUTH_MODE", "ER_HOST_NOT_PRIVILEGED"].includes(p.code);
}

export interface DatabaseServer {
  /** Server URL without a database name, e.g. mysql://root@127.0.0.1:3306. */
  server: string;
  /** What was chosen, for one line of output. */
  description: string;
  stop(): void;
}

/**
 * The database server to use. An explicit URL is used as given (and must answer). The local default
 * is used when it answers; when it does not (nothing listening, or Debian's root-by-socket refusing
 * a password-less TCP login) and MySQL/MariaDB is installed, a private server takes its place.
 * `PRIVATE_DB=1` always uses the private server.
 */
export async function ensureDatabaseServer(opts: { explicit?: string; folder?: string; forcePrivate?: boolean }): Promise<DatabaseServer> {
  if (opts.explicit) {
    const p = await probeDatabase(opts.explicit);
    if (!p.ok) throw new Error(`No usable database at ${redact(opts.explicit)} (${p.code}: ${p.message}). Fix the URL or unset it to use the local default.`);
    return { server: opts.explicit, description: redact(opts.explicit), stop() {} };
  }
  let reason = "PRIVATE_DB is set";
  if (!opts.forcePrivate) {
    const p = await probeDatabase(LOCAL_DATABASE_SERVER);
    if (p.ok) return { server: LOCAL_DATABASE_SERVER, description: `${LOCAL_DATABASE_SERVER} (already running)`, stop() {} };
    if (!unusable(p)) throw new Error(`Cannot use ${LOCAL_DATABASE_SERVER}: ${p.message}`);
    reason = p.code === "ECONNREFUSED" ? "nothing answers at 127.0.0.1:3306" : `127.0.0.1:3306 refused root without a password (${p.code})`;
  }
  const kind = findServerBinaries();
  if (!kind) {
    throw new Error(
      `${reason}, and no MySQL/MariaDB server binaries were found. Install one (Debian/Ubuntu: apt-get install mariadb-server; macOS: brew install mariadb) — ` +
        "this script then runs a private server inside the project — or set DATABASE_URL (tests: TEST_DATABASE_SERVER) to a reachable MySQL 8 / MariaDB ≥ 10.11 / PlanetScale database.",
    );
  }
  const srv = await startPrivateDatabase(kind, opts.folder);
  const folder = path.relative(projectRoot, opts.folder ?? path.join(projectRoot, ".data", "mysql"));
  return {
    server: srv.url,
    description: `${srv.url} — private ${kind.flavour} on ${folder} (${reason}; ${srv.owned ? "started now, stopped on exit" : "reused from an earlier run"})`,
    stop: () => srv.stop(),
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

/* ── Redis ──────────────────────────────────────────────────────────────────────────────── */

/** Sends PING over a raw socket: true when a Redis answers +PONG. */
export function pingRedis(url: string, timeoutMs = 1000): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const sock = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once("error", () => done(false));
    sock.once("connect", () => sock.write("PING\r\n"));
    sock.once("data", (d) => done(d.toString().startsWith("+PONG")));
  });
}

export type RedisChoice = { kind: "running" | "private"; url: string; stop(): void } | { kind: "none"; stop(): void };

/** Redis for the tests: an explicit or local one, a private redis-server, or none. */
export async function ensureRedis(explicit?: string): Promise<RedisChoice> {
  const url = explicit ?? "redis://127.0.0.1:6379";
  if (await pingRedis(url)) return { kind: "running", url, stop() {} };
  if (explicit) throw new Error(`TEST_REDIS_URL=${explicit} does not answer PING`);
  const bin = findBinary(["redis-server"]);
  if (!bin) return { kind: "none", stop() {} };
  const port = await freePort();
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { detached: true, stdio: "ignore" });
  child.unref();
  const privateUrl = `redis://127.0.0.1:${port}`;
  if (!(await waitFor(() => pingRedis(privateUrl, 500), () => child.exitCode !== null, 15_000))) {
    return { kind: "none", stop() {} };
  }
  return {
    kind: "private",
    url: privateUrl,
    stop() {
      try {
        if (child.pid) process.kill(child.pid, "SIGTERM");
      } catch {
        // gone
      }
    },
  };
}

/* ── Chromium ───────────────────────────────────────────────────────────────────────────── */

const MAC_BROWSERS = ["/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"];

/** CHROMIUM_PATH, then chromium / chromium-browser / google-chrome on PATH, then the macOS apps. */
export function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  return findBinary(["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"], []) ?? MAC_BROWSERS.find((p) => existsSync(p)) ?? null;
}

export const CHROMIUM_HINT = "install it (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium) or set CHROMIUM_PATH";
