/** Decides which IP addresses the server may open outbound connections to: public unicast only, by default. */
import ipaddr from "ipaddr.js";

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/** Checks one IP address (already resolved, never a hostname). */
export type AddressPolicy = (address: string) => AddressVerdict;

/**
 * Cloud instance-metadata endpoints. Most already fall in a refused range (link-local, unique-local, CGNAT), but
 * they are named here so the refusal says why, and Azure's WireServer sits on an otherwise public address.
 */
const METADATA_ADDRESSES = new Map<string, string>([
  ["169.254.169.254", "AWS/GCP/Azure/OpenStack metadata"],
  ["169.254.170.2", "AWS ECS task metadata"],
  ["fd00:ec2::254", "AWS IPv6 metadata"],
  ["168.63.129.16", "Azure WireServer"],
  ["100.100.100.200", "Alibaba Cloud metadata"],
  ["192.0.0.192", "Oracle Cloud metadata"],
]);

/** ipaddr.js names every special-purpose block (RFC 6890 and successors); only plain unicast is reachable. */
const RANGE_REASONS: Record<string, string> = {
  unspecified: "unspecified address",
  broadcast: "broadcast address",
  multicast: "multicast address",
  linkLocal: "link-local address",
  loopback: "loopback address",
  carrierGradeNat: "carrier-grade NAT address",
  private: "private-network address",
  reserved: "reserved or documentation address",
  uniqueLocal: "unique-local address",
  ipv4Mapped: "IPv4-mapped IPv6 address",
  rfc6145: "IPv4-translated IPv6 address",
  rfc6052: "NAT64 address",
  "6to4": "6to4 relay address",
  teredo: "Teredo tunnel address",
  benchmarking: "benchmarking address",
  discard: "discard-only address",
};

function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  // parse() also accepts the legacy shorthand forms (0x7f.1, 017700000001), so they classify like their dotted form.
  return ipaddr.isValid(bare) ? ipaddr.parse(bare) : undefined;
}

/** The production policy: only globally routable unicast addresses, never a metadata endpoint. */
export const publicAddressPolicy: AddressPolicy = (address) => {
  const ip = parseAddress(address);
  if (!ip) return { allowed: false, reason: `"${address}" is not an IP address` };
  const metadata = METADATA_ADDRESSES.get(ip.toString());
  if (metadata) return { allowed: false, reason: `cloud metadata endpoint (${metadata})` };
  const range = ip.range();
  if (range === "unicast") return { allowed: true };
  return { allowed: false, reason: RANGE_REASONS[range] ?? `special-purpose address (${range})` };
};

/** Whether a hostname is written as an IP address (in any form ipaddr.js understands) rather than a DNS name. */
export function isIpLiteral(hostname: string): boolean {
  return parseAddress(hostname) !== undefined;
}

/** The canonical text of an IP literal ("[::1]" → "::1", "0x7f.1" → "127.0.0.1"). */
export function normalizeIpLiteral(hostname: string): string {
  const ip = parseAddress(hostname);
  if (!ip) throw new Error(`"${hostname}" is not an IP address`);
  return ip.toString();
}

/**
 * The production policy plus explicit exceptions, e.g. a test server on 127.0.0.1. Only tests build one:
 * no setting reaches this, so a deployment cannot open its own internal network to the fetcher by accident.
 */
export function policyAllowing(cidrs: readonly string[], base: AddressPolicy = publicAddressPolicy): AddressPolicy {
  const ranges = cidrs.map((cidr) => ipaddr.parseCIDR(cidr));
  return (address) => {
    const ip = parseAddress(address);
    if (ip && ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits))) return { allowed: true };
    return base(address);
  };
}
