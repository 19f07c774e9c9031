import { isIP } from "node:net";
import type { Context, MiddlewareHandler } from "hono";
import { addressMatcher } from "../shared/address-range";
import type { AppEnv } from "./context";

/** The address of the peer on the other end of the socket, as Node reports it (null in app.request tests). */
export function socketAddress(c: Context): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

/** `::ffff:10.0.0.5` (a dual-stack socket's IPv4 peer) → `10.0.0.5`; other addresses unchanged. */
function unmapped(address: string): string {
  return /^::ffff:\d{1,3}(?:\.\d{1,3}){3}$/i.test(address) ? address.slice(7) : address;
}

/** One X-Forwarded-For entry as an address: `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:443`, `2001:db8::1`. */
function entryAddress(raw: string): string | null {
  let entry = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed?.[1]) entry = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(entry)) entry = entry.slice(0, entry.lastIndexOf(":"));
  return isIP(entry) ? unmapped(entry) : null;
}

/**
 * The client's address from the socket's and the X-Forwarded-For chain. The header is read only when
 * the socket's peer is a trusted proxy; the chain is then walked from the right (the entry the nearest
 * proxy appended) past every trusted proxy, and the first untrusted address is the client. What a
 * client writes itself stands to the left of that, so it is never believed. An entry that is not an
 * address stops the walk at the last proxy that vouched for the chain.
 */
export function resolveClientAddress(
  socket: string | null,
  forwardedFor: string | undefined,
  trusted: (address: string | null) => boolean,
): string | null {
  if (!socket) return null;
  let client = unmapped(socket);
  if (!forwardedFor || !trusted(client)) return client;
  const chain = forwardedFor.split(",");
  for (let i = chain.length - 1; i >= 0 && trusted(client); i--) {
    const next = entryAddress(chain[i] ?? "");
    if (!next) break;
    client = next;
  }
  return client;
}

/** Resolves the client's address once per request (TRUSTED_PROXIES decides whether X-Forwarded-For counts). */
export function clientAddressMiddleware(trustedProxies: readonly string[]): MiddlewareHandler<AppEnv> {
  const trusted = addressMatcher(trustedProxies);
  return async (c, next) => {
    c.set("clientAddress", resolveClientAddress(socketAddress(c), c.req.header("x-forwarded-for"), trusted));
    return next();
  };
}

/**
 * The client's address: the one clientAddressMiddleware resolved, else the socket's. Rate limits, the
 * stream cap and the audit log's IP all read it.
 */
export function clientAddress(c: Context<AppEnv>): string | null {
  const resolved = c.get("clientAddress");
  return resolved === undefined ? socketAddress(c) : resolved;
}
