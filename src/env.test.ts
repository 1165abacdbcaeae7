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
