import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local fake of the slice of the WorkOS HTTP API that AuthKit (authkit-nextjs 3 over
 * @workos-inc/node 8) calls: the hosted authorize page, `POST /user_management/authenticate`
 * (authorization_code with PKCE, refresh_token), `GET /sso/jwks/{clientId}` and
 * `GET /organizations/{id}`. Point the app at it with WORKOS_API_HOSTNAME / WORKOS_API_HTTPS /
 * WORKOS_API_PORT. It checks what real WorkOS checks (client id and secret, one-use codes,
 * the PKCE verifier against the challenge) so a contract break fails loudly.
 */

/** Who the next sign-in at the fake's authorize page turns out to be. */
export interface FakeIdentity {
  user: { id: string; email: string; firstName?: string; lastName?: string };
  organizationId: string;
  role: "admin" | "member";
  /** Access-token lifetime; negative issues an already expired token (forces a refresh). */
  expiresInSeconds?: number;
  /** Sign the access token with a key the JWKS does not publish (and refuse its refresh). */
  rogueSignature?: boolean;
}

/** One request the fake received. */
export interface FakeCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | null;
  authorization: string | undefined;
}

/** A running fake; `stop()` it in afterAll. */
export interface FakeWorkOS {
  url: string;
  port: number;
  calls: FakeCall[];
  /** Organizations `GET /organizations/{id}` knows (id → name). */
  organizations: Map<string, string>;
  /** The identity the next `GET /user_management/authorize` signs in. */
  nextSignIn(identity: FakeIdentity): void;
  /** Calls whose method matches and whose path starts with `pathPrefix`. */
  callsTo(method: string, pathPrefix: string): FakeCall[];
  stop(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

function rsaKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync("rsa", { modulusLength: 2048 });
}

/** RS256 JWT with node:crypto alone (RSASSA-PKCS1-v1_5 over SHA-256, which is what RS256 is). */
function signJwt(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
  const body = b64url(JSON.stringify(payload));
  return `${head}.${body}.${b64url(sign("sha256", Buffer.from(`${head}.${body}`), key))}`;
}

function userJson(u: FakeIdentity["user"]) {
  const now = new Date().toISOString();
  return {
    object: "user",
    id: u.id,
    email: u.email,
    email_verified: true,
    first_name: u.firstName ?? null,
    last_name: u.lastName ?? null,
    profile_picture_url: null,
    last_sign_in_at: now,
    locale: null,
    created_at: now,
    updated_at: now,
    external_id: null,
    metadata: {},
  };
}

/** Starts the fake on 127.0.0.1 on an ephemeral port. */
export async function startFakeWorkOS(opts: { clientId: string; apiKey: string }): Promise<FakeWorkOS> {
  const kid = `sso_oidc_key_pair_${randomBytes(6).toString("hex")}`;
  const signing = rsaKey();
  const rogue = rsaKey();
  const jwk = { ...signing.publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };

  const calls: FakeCall[] = [];
  const organizations = new Map<string, string>();
  const pending: FakeIdentity[] = [];
  const codes = new Map<string, { identity: FakeIdentity; challenge: string; redirectUri: string }>();
  const refreshTokens = new Map<string, FakeIdentity>();

  /** What `/user_management/authenticate` answers: a user, the org and a fresh token pair. */
  function tokens(identity: FakeIdentity) {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: `https://api.workos.com/user_management/${opts.clientId}`,
      sub: identity.user.id,
      sid: `session_${randomBytes(8).toString("hex")}`,
      jti: randomBytes(8).toString("hex"),
      org_id: identity.organizationId,
      role: identity.role,
      permissions: [],
      iat: now,
      exp: now + (identity.expiresInSeconds ?? 3600),
    };
    const accessToken = identity.rogueSignature ? signJwt(claims, rogue.privateKey, kid) : signJwt(claims, signing.privateKey, kid);
    const refreshToken = `rt_${randomBytes(12).toString("hex")}`;
    if (!identity.rogueSignature) refreshTokens.set(refreshToken, { ...identity, expiresInSeconds: undefined });
    return {
      user: userJson(identity.user),
      organization_id: identity.organizationId,
      access_token: accessToken,
      refresh_token: refreshToken,
      authentication_method: "Password",
    };
  }

  function authenticate(body: Record<string, unknown>): [number, unknown] {
    if (body.client_id !== opts.clientId || body.client_secret !== opts.apiKey) {
      return [401, { error: "invalid_client", error_description: "Invalid client ID or secret." }];
    }
    if (body.grant_type === "authorization_code") {
      const entry = codes.get(String(body.code));
      codes.delete(String(body.code)); // one use, even when the verifier is wrong
      const verifier = typeof body.code_verifier === "string" ? body.code_verifier : "";
      if (!entry || b64url(createHash("sha256").update(verifier).digest()) !== entry.challenge) {
        return [400, { error: "invalid_grant", error_description: "The code is invalid or the code_verifier does not match." }];
      }
      return [200, tokens(entry.identity)];
    }
    if (body.grant_type === "refresh_token") {
      const identity = refreshTokens.get(String(body.refresh_token));
      refreshTokens.delete(String(body.refresh_token)); // rotated, as WorkOS does
      if (!identity) return [400, { error: "invalid_grant", error_description: "Session has already ended." }];
      return [200, tokens(identity)];
    }
    return [400, { error: "unsupported_grant_type", error_description: String(body.grant_type) }];
  }

  function route(req: http.IncomingMessage, url: URL, call: FakeCall): [number, unknown, Record<string, string>?] {
    const bearerOk = call.authorization === `Bearer ${opts.apiKey}`;
    if (req.method === "GET" && url.pathname === "/user_management/authorize") {
      // The hosted sign-in page: "sign in" as the queued identity and bounce back with a code.
      const identity = pending.shift();
      const redirectUri = url.searchParams.get("redirect_uri");
      const challenge = url.searchParams.get("code_challenge");
      if (!identity || !redirectUri || !challenge || url.searchParams.get("code_challenge_method") !== "S256" || url.searchParams.get("client_id") !== opts.clientId) {
        return [400, { error: "invalid_request" }];
      }
      const code = `code_${randomBytes(10).toString("hex")}`;
      codes.set(code, { identity, challenge, redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      return [302, null, { location: back.toString() }];
    }
    if (req.method === "POST" && url.pathname === "/user_management/authenticate") return authenticate(call.body ?? {});
    if (req.method === "GET" && url.pathname === `/sso/jwks/${opts.clientId}`) return [200, { keys: [jwk] }];
    const org = /^\/organizations\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && org) {
      if (!bearerOk) return [401, { message: "Unauthorized" }];
      const name = organizations.get(decodeURIComponent(org[1]!));
      if (name === undefined) return [404, { message: "Organization not found", code: "entity_not_found" }];
      const now = new Date().toISOString();
      return [200, { object: "organization", id: decodeURIComponent(org[1]!), name, allow_profiles_outside_organization: false, domains: [], created_at: now, updated_at: now, external_id: null, metadata: {} }];
    }
    return [404, { message: `fake WorkOS has no ${req.method} ${url.pathname}` }];
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> | null = null;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      } catch {
        body = { _raw: raw };
      }
      const call: FakeCall = { method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), body, authorization: req.headers.authorization };
      calls.push(call);
      const [status, payload, headers] = route(req, url, call);
      res.writeHead(status, { "content-type": "application/json", "x-request-id": `fake_${calls.length}`, ...headers });
      res.end(payload === null ? "" : JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    organizations,
    nextSignIn: (identity) => void pending.push(identity),
    callsTo: (method, prefix) => calls.filter((c) => c.method === method && c.path.startsWith(prefix)),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
