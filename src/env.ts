import { z } from "zod";

/**
 * The one place that reads `process.env`. Everything else imports `env`.
 *
 * Defaults describe the embedded local setup: MariaDB/MySQL on 127.0.0.1 as root, no WorkOS,
 * no Convex, in-memory rate limits.
 */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v));

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url().default("mysql://root@127.0.0.1:3306/compat_dev"),
  /** Port of the local server; the defaults of ROOT_DOMAIN and APP_URL follow it. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Host that tenant subdomains hang off: `{sub}.{ROOT_DOMAIN}` (default `localhost:{PORT}`). */
  ROOT_DOMAIN: optionalString,
  /** Public origin of the app, used in links printed by scripts and the dashboard (default `http://localhost:{PORT}`). */
  APP_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  WORKOS_CLIENT_ID: optionalString,
  WORKOS_API_KEY: optionalString,
  WORKOS_COOKIE_PASSWORD: optionalString,
  /** Signs the dev sign-in cookie. Dev sign-in is refused in production whatever this is. */
  DEV_SESSION_SECRET: z.string().min(16).default("dev-only-session-secret-change-me"),
  NEXT_PUBLIC_CONVEX_URL: optionalString,
  CONVEX_SITE_URL: optionalString,
  CONVEX_SYNC_SECRET: optionalString,
  REDIS_URL: optionalString,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Public procedures: requests per window per client and tenant. */
  PUBLIC_RATE_LIMIT: z.coerce.number().int().positive().default(300),
  PUBLIC_RATE_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
  /** How long a process holds a public page's published pointer and a host's tenant before re-reading (docs/read-path.md). */
  PUBLIC_POINTER_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** CDN caching of public answers: `s-maxage` and `stale-while-revalidate`, in seconds. */
  PUBLIC_CDN_MAX_AGE: z.coerce.number().int().min(0).default(10),
  PUBLIC_CDN_STALE: z.coerce.number().int().min(0).default(60),
  /** The production server's shared cache of public responses (server.ts): fresh lifetime (0: off) and byte budget. */
  PUBLIC_MICROCACHE_MS: z.coerce.number().int().min(0).max(10_000).default(500),
  PUBLIC_MICROCACHE_BYTES: z.coerce.number().int().min(0).default(64 * 1024 * 1024),
  /** Bytes of serialised public answers held in process. */
  PUBLIC_ANSWER_CACHE_BYTES: z.coerce.number().int().min(0).default(64 * 1024 * 1024),
  /** `off`: no whole-HTML cache of public pages (it renders by a loopback request, which serverless hosts lack; docs/read-path.md). */
  PUBLIC_HTML_CACHE: z.enum(["on", "off"]).default("on"),
  /** Import jobs one process runs at once (each holds one database connection while it writes). */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** `off`: this process runs no import worker (serverless: `npm run worker` or the cron drain does). */
  IMPORT_WORKER: z.enum(["on", "off"]).default("on"),
  /** Bearer secret of `GET /api/cron/imports`, the scheduled drain of the import queue. */
  CRON_SECRET: optionalString,
  /** Set by the e2e harness; /api/health echoes it so the harness knows it reached its own server. */
  E2E_SERVER_NONCE: optionalString,
});

export type Env = Omit<z.infer<typeof schema>, "ROOT_DOMAIN" | "APP_URL"> & { ROOT_DOMAIN: string; APP_URL: string };

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return { ...e, ROOT_DOMAIN: e.ROOT_DOMAIN ?? `localhost:${e.PORT}`, APP_URL: e.APP_URL ?? `http://localhost:${e.PORT}` };
}

export const env: Env = parseEnv(process.env);

/** AuthKit is used only when all three WorkOS variables are set; otherwise dev sign-in. */
export const workosConfigured = Boolean(
  env.WORKOS_CLIENT_ID && env.WORKOS_API_KEY && env.WORKOS_COOKIE_PASSWORD,
);

export const convexConfigured = Boolean(env.CONVEX_SITE_URL && env.CONVEX_SYNC_SECRET);
