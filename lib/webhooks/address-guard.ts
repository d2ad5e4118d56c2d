import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/** Resolves a host name to every address it has (injectable for tests). */
export type Lookup = (hostname: string) => Promise<{ address: string; family: number }[]>;
const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export type Destination =
  { ok: true; addresses: { address: string; family: 4 | 6 }[] } | { ok: false; reason: string; unresolved?: boolean };

/**
 * Which non-public destinations the operator allows: none (`false`), every private range
 * (`true`, development), or only the listed CIDRs. Never-allowed addresses stay refused in all three.
 */
export type PrivateTargets = boolean | readonly string[];

type Address = ipaddr.IPv4 | ipaddr.IPv6;
const cidr = (text: string) => ipaddr.parseCIDR(text);

/**
 * Refused whatever the configuration: link-local (where clouds put their metadata services) and
 * the metadata endpoints that live elsewhere: Alibaba (100.100.100.200), Azure's host endpoint
 * (168.63.129.16), Oracle Cloud Classic (192.0.0.192), AWS (fd00:ec2::254) and Google Cloud
 * (fd20:ce::254) over IPv6. "Send test event" shows the response, so reaching one would read it.
 */
export const NEVER_ALLOWED = [
  "169.254.0.0/16",
  "fe80::/10",
  "100.100.100.200/32",
  "168.63.129.16/32",
  "192.0.0.192/32",
  "fd00:ec2::254/128",
  "fd20:ce::254/128",
].map(cidr);

const NAT64 = cidr("64:ff9b::/96");
const GLOBAL_UNICAST = cidr("2000::/3");
const IPV4_COMPATIBLE = cidr("::/96");
const SIIT = cidr("::ffff:0:0:0/96");
const LOCAL_NAT64 = cidr("64:ff9b:1::/48");
const SIX_TO_FOUR = cidr("2002::/16");
const TEREDO = cidr("2001::/32");

const inRange = (address: Address, [network, bits]: [Address, number]) =>
  address.kind() === network.kind() && address.match(network, bits);
const v4 = (bytes: number[]) => new ipaddr.IPv4(bytes);

/**
 * The IPv4 addresses an IPv6 address carries for a translator or tunnel to reach: IPv4-compatible,
 * SIIT, NAT64 (well-known and local-use), 6to4 and Teredo (its server and its obfuscated client).
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] {
  const b = address.toByteArray();
  if (inRange(address, IPV4_COMPATIBLE) || inRange(address, SIIT) || inRange(address, NAT64)) return [v4(b.slice(12))];
  if (inRange(address, LOCAL_NAT64)) return [v4([b[6]!, b[7]!, b[9]!, b[10]!])]; // RFC 6052 /48 layout skips byte 8
  if (inRange(address, SIX_TO_FOUR)) return [v4(b.slice(2, 6))];
  if (inRange(address, TEREDO)) return [v4(b.slice(4, 8)), v4(b.slice(12).map((x) => x ^ 0xff))];
  return [];
}

/**
 * Ordinary public unicast only. IPv6 must be global unicast (2000::/3) outside every special
 * range, or a well-known NAT64 address of a public IPv4 one (what DNS64 answers on IPv6-only
 * networks); the other transition forms (IPv4-compatible, SIIT, local-use NAT64, 6to4, Teredo)
 * are refused whatever they carry. IPv4-mapped addresses (::ffff:10.0.0.1) are judged as IPv4.
 */
function isPublic(address: Address): boolean {
  if (address.kind() === "ipv4") return address.range() === "unicast";
  const v6 = address as ipaddr.IPv6;
  if (inRange(v6, NAT64)) return embeddedIPv4(v6)[0]!.range() === "unicast";
  return inRange(v6, GLOBAL_UNICAST) && v6.range() === "unicast";
}

/** Why a webhook may not connect to `address` (null when it may). */
export function refusalOf(address: string, allowPrivate: PrivateTargets): string | null {
  if (!ipaddr.isValid(address)) return "not an IP address";
  const parsed = ipaddr.process(address);
  const reached = parsed.kind() === "ipv6" ? [parsed, ...embeddedIPv4(parsed as ipaddr.IPv6)] : [parsed];
  if (reached.some((a) => NEVER_ALLOWED.some((range) => inRange(a, range))))
    return "a link-local or cloud metadata address, which webhooks can never reach";
  if (isPublic(parsed) || allowPrivate === true) return null;
  if (allowPrivate !== false && allowPrivate.some((range) => inRange(parsed, cidr(range)))) return null;
  return "a private, loopback or reserved address";
}

/**
 * Only ordinary public unicast addresses may receive webhooks: not loopback, private, link-local
 * (cloud metadata lives there), unique-local, carrier-grade NAT, multicast, reserved or
 * unspecified, in IPv4 or IPv6, nor IPv6 forms that carry an IPv4 address to a translator.
 */
export function isPublicAddress(address: string): boolean {
  return refusalOf(address, false) === null;
}

const LOCAL_NAMES = [/^localhost$/i, /\.localhost$/i];
const METADATA_NAMES = [/^metadata\.google\.internal\.?$/i, /^metadata\.tencentyun\.com\.?$/i];

/**
 * Checks where a webhook URL would connect. Used when a webhook is saved and again at connect
 * time, where the caller connects to the returned addresses (never resolving the name again),
 * so DNS cannot swap in a private address after the check.
 */
export async function checkDestination(
  url: string | URL,
  options: { allowPrivate: PrivateTargets; lookup?: Lookup },
): Promise<Destination> {
  const parsed = typeof url === "string" ? new URL(url) : url;
  // URL keeps IPv6 literals in brackets; numeric IPv4 forms (2130706433, 0x7f.1) are already normalised.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host)) {
    const refusal = refusalOf(host, options.allowPrivate);
    if (refusal) return { ok: false, reason: `${host} is ${refusal}` };
    return { ok: true, addresses: [{ address: host, family: isIP(host) as 4 | 6 }] };
  }
  if (
    METADATA_NAMES.some((name) => name.test(host)) ||
    (options.allowPrivate === false && LOCAL_NAMES.some((name) => name.test(host)))
  ) {
    return { ok: false, reason: `${host} is a local host name` };
  }
  let resolved: { address: string; family: number }[];
  try {
    resolved = await (options.lookup ?? systemLookup)(host);
  } catch {
    return { ok: false, reason: `${host} could not be resolved`, unresolved: true };
  }
  if (resolved.length === 0) return { ok: false, reason: `${host} could not be resolved`, unresolved: true };
  const addresses = resolved.map((r) => ({ address: r.address, family: (r.family === 6 ? 6 : 4) as 4 | 6 }));
  for (const { address } of addresses) {
    const refusal = refusalOf(address, options.allowPrivate);
    if (refusal) return { ok: false, reason: `${host} resolves to ${address}, ${refusal}` };
  }
  return { ok: true, addresses };
}

/** Parses PRIVATE_WEBHOOK_TARGET_RANGES ("10.0.0.0/8, fd12::/48"): the ranges, or what is wrong. */
export function parsePrivateRanges(text: string): { ok: true; ranges: string[] } | { ok: false; message: string } {
  const ranges = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (ranges.length === 0) return { ok: false, message: "list at least one range in CIDR notation, e.g. 10.0.0.0/8" };
  const malformed = ranges.find((range) => !ipaddr.isValidCIDR(range));
  if (malformed)
    return { ok: false, message: `"${malformed}" is not a range in CIDR notation (e.g. 10.0.0.0/8 or fd12:3456::/48)` };
  const metadata = ranges.find((range) => {
    const [network, bits] = cidr(range);
    return NEVER_ALLOWED.some(
      ([blocked, blockedBits]) => bits >= blockedBits && inRange(network, [blocked, blockedBits]),
    );
  });
  if (metadata)
    return {
      ok: false,
      message: `${metadata} is link-local or a cloud metadata address, which webhooks can never reach`,
    };
  return { ok: true, ranges };
}
