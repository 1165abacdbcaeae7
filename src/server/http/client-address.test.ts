import { describe, expect, it } from "vitest";
import { clientAddressOf, untrustedForwardingHeaders, type ClientAddressConfig } from "./client-address";

const h = (init: Record<string, string>) => new Headers(init);
const none: ClientAddressConfig = { hops: 0, header: null };
const one: ClientAddressConfig = { hops: 1, header: null };
const two: ClientAddressConfig = { hops: 2, header: null };

describe("clientAddressOf", () => {
  it("0 hops: the one entry Next wrote (the socket's address); the middleware dropped the client's", () => {
    expect(untrustedForwardingHeaders(none)).toEqual(["x-forwarded-for"]);
    expect(clientAddressOf(h({ "x-forwarded-for": "127.0.0.1" }), none)).toBe("127.0.0.1");
    expect(clientAddressOf(h({ "x-forwarded-for": "::ffff:10.1.2.3" }), none)).toBe("::ffff:10.1.2.3");
    // x-real-ip is anybody's unless it is the configured platform header.
    expect(clientAddressOf(h({ "x-real-ip": "6.6.6.6" }), none)).toBe("unknown");
    expect(clientAddressOf(h({}), none)).toBe("unknown");
  });

  it("N hops: the Nth entry from the right; what the client wrote to the left of it is ignored", () => {
    expect(untrustedForwardingHeaders(one)).toEqual([]);
    expect(clientAddressOf(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.1" }), one)).toBe("203.0.113.1");
    expect(clientAddressOf(h({ "x-forwarded-for": "6.6.6.6,203.0.113.1 " }), one)).toBe("203.0.113.1");
    expect(clientAddressOf(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.1, 10.0.0.2" }), two)).toBe("203.0.113.1");
    expect(clientAddressOf(h({ "x-forwarded-for": " , 203.0.113.4 ,, " }), one)).toBe("203.0.113.4");
  });

  it("fewer entries than hops: the leftmost (no entry at all: unknown)", () => {
    expect(clientAddressOf(h({ "x-forwarded-for": "203.0.113.1" }), two)).toBe("203.0.113.1");
    expect(clientAddressOf(h({ "x-forwarded-for": " , " }), two)).toBe("unknown");
  });

  it("a configured platform header wins when present, else the hops decide", () => {
    const vercel: ClientAddressConfig = { hops: 1, header: "x-vercel-forwarded-for" };
    expect(clientAddressOf(h({ "x-vercel-forwarded-for": "198.51.100.7", "x-forwarded-for": "6.6.6.6, 10.0.0.1" }), vercel)).toBe("198.51.100.7");
    expect(clientAddressOf(h({ "x-vercel-forwarded-for": " ", "x-forwarded-for": "6.6.6.6, 10.0.0.1" }), vercel)).toBe("10.0.0.1");
    expect(clientAddressOf(h({ "x-real-ip": "198.51.100.8" }), { hops: 0, header: "x-real-ip" })).toBe("198.51.100.8");
  });

  it("rotating the client's own entries never changes the address behind one trusted hop", () => {
    const seen = new Set(Array.from({ length: 50 }, (_, i) => clientAddressOf(h({ "x-forwarded-for": `10.0.${i}.1, 203.0.113.9` }), one)));
    expect([...seen]).toEqual(["203.0.113.9"]);
  });
});
