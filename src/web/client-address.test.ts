import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/config";
import { addressMatcher } from "../shared/address-range";
import { resolveClientAddress } from "./client-address";

const trusted = addressMatcher(["10.0.0.0/8", "fd00::/8", "192.0.2.10"]);
const none = addressMatcher([]);

describe("resolveClientAddress", () => {
  it.each([
    [
      "no trusted proxies: the socket, whatever the header says",
      "203.0.113.5",
      "198.51.100.1",
      none,
      "203.0.113.5",
    ],
    ["an untrusted peer's X-Forwarded-For is ignored", "203.0.113.5", "198.51.100.1", trusted, "203.0.113.5"],
    ["a trusted proxy's last entry is the client", "10.0.0.1", "198.51.100.1", trusted, "198.51.100.1"],
    [
      "what the client wrote left of its own address is never believed",
      "10.0.0.1",
      "1.1.1.1, 198.51.100.1",
      trusted,
      "198.51.100.1",
    ],
    [
      "a chain of trusted proxies is walked to the right-most untrusted",
      "10.0.0.1",
      "7.7.7.7, 198.51.100.1, 192.0.2.10, 10.2.3.4",
      trusted,
      "198.51.100.1",
    ],
    ["a chain of proxies only: the left-most", "10.0.0.1", "10.9.9.9", trusted, "10.9.9.9"],
    ["a trusted proxy without the header: the proxy", "10.0.0.1", undefined, trusted, "10.0.0.1"],
    [
      "an entry that is not an address stops at the proxy that sent it",
      "10.0.0.1",
      "junk",
      trusted,
      "10.0.0.1",
    ],
    ["a port on an IPv4 entry is dropped", "10.0.0.1", "198.51.100.1:5555", trusted, "198.51.100.1"],
    ["a bracketed IPv6 entry with a port", "10.0.0.1", "[2001:db8::1]:443", trusted, "2001:db8::1"],
    [
      "a dual-stack socket's IPv4 peer is matched as IPv4",
      "::ffff:10.0.0.1",
      "198.51.100.1",
      trusted,
      "198.51.100.1",
    ],
    ["an IPv6 proxy range", "fd00::5", "2001:db8::7", trusted, "2001:db8::7"],
  ] as const)("%s", (_name, socket, header, matcher, expected) => {
    expect(resolveClientAddress(socket, header, matcher)).toBe(expected);
  });

  it("knows no address without a socket (app.request in tests)", () => {
    expect(resolveClientAddress(null, "198.51.100.1", trusted)).toBeNull();
  });
});

describe("TRUSTED_PROXIES", () => {
  it("reads a comma-separated list of addresses and ranges, and names what is not one", () => {
    const ok = parseConfig({ TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.10,fd00::/8" });
    expect(ok.ok && ok.config.TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "192.0.2.10", "fd00::/8"]);
    const none = parseConfig({});
    expect(none.ok && none.config.TRUSTED_PROXIES).toEqual([]);
    const bad = parseConfig({ TRUSTED_PROXIES: "10.0.0.0/33,proxy.local" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.filter((p) => p.startsWith("TRUSTED_PROXIES"))).toHaveLength(2);
  });
});
