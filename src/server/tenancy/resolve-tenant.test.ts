import { describe, expect, it } from "vitest";
import { decodeTenantHeader, encodeTenantHeader, extractSubdomain, resolveTenant } from "./resolve-tenant";

describe("extractSubdomain", () => {
  const root = "compat.example";

  it.each([
    ["acme.compat.example", "acme"],
    ["ACME.Compat.Example", "acme"],
    ["acme.compat.example:443", "acme"],
    ["acme.localhost:3000", "acme"],
    ["acme.localhost", "acme"],
    ["acme---feature-x.vercel.app", "acme"],
    ["acme---main.preview.compat.example", "acme"],
  ])("finds the tenant in %s", (host, expected) => {
    expect(extractSubdomain(host, root)).toBe(expected);
  });

  it.each([
    ["compat.example"],
    ["www.compat.example"],
    ["api.compat.example"],
    ["localhost:3000"],
    ["127.0.0.1:3000"],
    ["[::1]:3000"],
    ["deep.acme.compat.example"],
    ["acme.other.example"],
    ["-bad.localhost"],
    ["---branch.vercel.app"],
    [""],
  ])("finds no tenant in %s", (host) => {
    expect(extractSubdomain(host, root)).toBeNull();
  });

  it("with ROOT_DOMAIN=localhost:3000 still knows subdomains of localhost", () => {
    expect(extractSubdomain("demo.localhost:3000", "localhost:3000")).toBe("demo");
    expect(extractSubdomain("localhost:3000", "localhost:3000")).toBeNull();
  });
});

describe("resolveTenant", () => {
  it("takes the tenant from a subdomain and keeps the path", () => {
    expect(resolveTenant("acme.localhost:3000", "/llm-finder", "localhost:3000")).toEqual({
      tenant: { by: "subdomain", value: "acme", basePath: "" },
      path: "/llm-finder",
    });
  });

  it("takes the tenant from /p/{orgSlug} and strips the prefix", () => {
    expect(resolveTenant("localhost:3000", "/p/acme/llm-finder", "localhost:3000")).toEqual({
      tenant: { by: "slug", value: "acme", basePath: "/p/acme" },
      path: "/llm-finder",
    });
    expect(resolveTenant("localhost:3000", "/p/acme", "localhost:3000").path).toBe("/");
  });

  it("ignores /p/ with an invalid slug and other paths", () => {
    expect(resolveTenant("localhost:3000", "/p/..%2F/x", "localhost:3000").tenant).toBeNull();
    expect(resolveTenant("localhost:3000", "/dashboard", "localhost:3000").tenant).toBeNull();
  });
});

describe("tenant header", () => {
  it("round-trips", () => {
    const t = { by: "slug", value: "acme", basePath: "/p/acme" } as const;
    expect(decodeTenantHeader(encodeTenantHeader(t))).toEqual(t);
  });

  it("rejects garbage rather than guessing", () => {
    expect(decodeTenantHeader("acme")).toBeNull();
    expect(decodeTenantHeader('{"by":"id","value":"org_1"}')).toBeNull();
    expect(decodeTenantHeader('{"by":"slug","value":"../x"}')).toBeNull();
  });
});

describe("resolveTenant on hostile paths (issue 11 item 7: a stranger's request never throws)", () => {
  it.each(["/p/%ZZ/x", "/p/%E0%A4%A/x", "/p/%/x", "/p/ac%6De/x", "/p/%2e%2e/x"])("%s is no tenant, and no exception", (path) => {
    expect(() => resolveTenant("localhost:3000", path, "localhost:3000")).not.toThrow();
    expect(resolveTenant("localhost:3000", path, "localhost:3000").tenant).toBeNull();
  });
});
