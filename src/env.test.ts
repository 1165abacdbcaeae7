import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("environment", () => {
  it("ROOT_DOMAIN and APP_URL follow PORT when they are not set", () => {
    const e = parseEnv({ PORT: "3250" });
    expect(e.ROOT_DOMAIN).toBe("localhost:3250");
    expect(e.APP_URL).toBe("http://localhost:3250");
  });

  it("explicit ROOT_DOMAIN and APP_URL win over PORT; without PORT they default to 3000", () => {
    const e = parseEnv({ PORT: "3250", ROOT_DOMAIN: "compat.example", APP_URL: "https://compat.example" });
    expect(e.ROOT_DOMAIN).toBe("compat.example");
    expect(e.APP_URL).toBe("https://compat.example");
    expect(parseEnv({}).ROOT_DOMAIN).toBe("localhost:3000");
    expect(parseEnv({ APP_URL: "" }).APP_URL).toBe("http://localhost:3000");
  });
});

describe("client address settings (docs/limits.md)", () => {
  it("TRUSTED_PROXY_HOPS defaults to 0 and must be a small whole number", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    for (const bad of ["-1", "1.5", "eleven", "11"]) expect(() => parseEnv({ TRUSTED_PROXY_HOPS: bad })).toThrow(/TRUSTED_PROXY_HOPS/);
  });

  it("CLIENT_IP_HEADER is an optional header name, kept in lower case", () => {
    expect(parseEnv({}).CLIENT_IP_HEADER).toBeUndefined();
    expect(parseEnv({ CLIENT_IP_HEADER: "" }).CLIENT_IP_HEADER).toBeUndefined();
    expect(parseEnv({ CLIENT_IP_HEADER: "X-Vercel-Forwarded-For" }).CLIENT_IP_HEADER).toBe("x-vercel-forwarded-for");
    expect(() => parseEnv({ CLIENT_IP_HEADER: "x real ip" })).toThrow(/CLIENT_IP_HEADER/);
  });
});
