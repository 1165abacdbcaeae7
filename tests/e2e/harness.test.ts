import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, request, startServer } from "./server";
import { inject } from "vitest";

/** The harness tests only its own server: a port answered by anything else is refused. */
describe("e2e harness", () => {
  let foreign: http.Server;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    // Looks healthy, like another run's dev server would — but does not know our nonce.
    foreign = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
    await new Promise<void>((r) => foreign.listen(port, "127.0.0.1", r));
  });
  afterAll(() => new Promise<void>((r) => foreign.close(() => r())));

  it("refuses a port answered by a server that does not echo its nonce", async () => {
    await expect(startServer({ port, name: "harness-foreign", env: {} })).rejects.toThrow(/not ours|exited early/);
  });

  it("its own server echoes the nonce it was started with", async () => {
    const r = await request(inject("baseUrl"), "/api/health");
    expect(r.headers["x-e2e-server-nonce"]).toMatch(/^[0-9a-f]{32}$/);
  });
});
