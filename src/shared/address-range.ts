import { BlockList, isIP } from "node:net";

/** "10.0.0.5", "::1", "10.0.0.0/8" or "fd00::/8": an address, or a range in CIDR notation. */
export function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.5`, how a dual-stack socket reports it) as IPv4. */
function unmapped(address: string): string {
  const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return match?.[1] ?? address;
}

/**
 * A test of whether an address is one of the entries (each checked by `isAddressOrRange`). An unknown
 * address (null) or one that is not an IP address never matches.
 */
export function addressMatcher(entries: readonly string[]): (address: string | null) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined)
      list.addAddress(unmapped(address), isIP(unmapped(address)) === 6 ? "ipv6" : "ipv4");
    else list.addSubnet(address, Number(prefix), type);
  }
  return (raw) => {
    if (!raw) return false;
    const address = unmapped(raw);
    const family = isIP(address);
    if (family === 0) return false;
    return list.check(address, family === 6 ? "ipv6" : "ipv4");
  };
}
