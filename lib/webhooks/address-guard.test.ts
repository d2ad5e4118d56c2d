import { describe, expect, it } from "vitest";
import { checkDestination, isPublicAddress, parsePrivateRanges, refusalOf, type Lookup } from "./address-guard";

/** Every form refused when private networks are not allowed, with why it is listed. */
const refused: [url: string, why: string][] = [
  ["http://127.0.0.1:8080/hook", "loopback"],
  ["http://2130706433/hook", "127.0.0.1 as one number"],
  ["http://0x7f.1/hook", "127.0.0.1 in hex"],
  ["http://127.1/hook", "127.0.0.1 shortened"],
  ["http://0.0.0.0/", "unspecified (reaches this host)"],
  ["http://10.0.0.5/", "RFC 1918"],
  ["http://172.16.3.4/", "RFC 1918"],
  ["http://192.168.1.1/", "RFC 1918"],
  ["http://100.64.0.1/", "carrier-grade NAT"],
  ["http://169.254.169.254/latest/meta-data/", "link-local: AWS, GCP, Azure, DigitalOcean metadata"],
  ["http://100.100.100.200/", "Alibaba metadata"],
  ["http://192.0.0.192/", "Oracle Cloud Classic metadata"],
  ["http://168.63.129.16/", "Azure host endpoint (a public-looking address)"],
  ["http://224.0.0.1/", "multicast"],
  ["http://255.255.255.255/", "broadcast"],
  ["http://198.18.0.1/", "benchmarking"],
  ["http://240.0.0.1/", "reserved"],
  ["http://[::1]/", "IPv6 loopback"],
  ["http://[::]/", "IPv6 unspecified"],
  ["http://[::ffff:127.0.0.1]/", "IPv4-mapped loopback"],
  ["http://[::ffff:7f00:1]/", "IPv4-mapped loopback, hex"],
  ["http://[::ffff:169.254.169.254]/", "IPv4-mapped metadata"],
  ["http://[::7f00:1]/", "IPv4-compatible (::/96) loopback, which ipaddr.js calls unicast"],
  ["http://[::a00:1]/", "IPv4-compatible 10.0.0.1"],
  ["http://[::808:808]/", "IPv4-compatible, even of a public address (deprecated form)"],
  ["http://[::2]/", "outside 2000::/3, which ipaddr.js calls unicast"],
  ["http://[::ffff:0:a00:1]/", "SIIT (::ffff:0:0:0/96) 10.0.0.1"],
  ["http://[64:ff9b::7f00:1]/", "NAT64 of loopback"],
  ["http://[64:ff9b::10.0.0.1]/", "NAT64 of RFC 1918"],
  ["http://[64:ff9b::a9fe:a9fe]/", "NAT64 of metadata"],
  ["http://[64:ff9b:1:808:8:800::]/", "local-use NAT64 (64:ff9b:1::/48), even of a public address"],
  ["http://[2002:7f00:1::]/", "6to4 of loopback"],
  ["http://[2002:a9fe:a9fe::1]/", "6to4 of metadata"],
  ["http://[2002:808:808::1]/", "6to4, even of a public address (deprecated)"],
  ["http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "Teredo"],
  ["http://[fd00:ec2::254]/", "AWS IPv6 metadata"],
  ["http://[fd20:ce::254]/", "Google Cloud IPv6 metadata"],
  ["http://[fd12:3456::1]/", "unique-local"],
  ["http://[fe80::1]/", "IPv6 link-local"],
  ["http://[fec0::1]/", "deprecated site-local"],
  ["http://[ff02::1]/", "IPv6 multicast"],
  ["http://[100::1]/", "discard-only"],
  ["http://[2001:db8::1]/", "documentation"],
  ["http://[2001:2::1]/", "benchmarking"],
  ["http://[2001:20::1]/", "ORCHIDv2"],
  ["http://[5f00::1]/", "segment routing"],
  ["http://localhost:3000/", "local name"],
  ["http://api.localhost/", "local name"],
  ["http://metadata.google.internal/", "metadata name"],
];
const allowed = [
  "https://8.8.8.8/hook",
  "https://93.184.215.14:8443/x",
  "https://[2001:4860:4860::8888]/hook",
  "https://[2606:4700:4700::1111]/",
  "https://[::ffff:8.8.8.8]/", // IPv4-mapped public: the socket reaches 8.8.8.8
  "https://[64:ff9b::808:808]/", // what DNS64 answers for 8.8.8.8 on an IPv6-only network
];

/** Never reachable, whatever the configuration. */
const never = [
  "169.254.169.254",
  "169.254.170.2",
  "fe80::1",
  "100.100.100.200",
  "168.63.129.16",
  "192.0.0.192",
  "fd00:ec2::254",
  "fd20:ce::254",
  "::ffff:169.254.169.254",
  "::a9fe:a9fe",
  "64:ff9b::a9fe:a9fe",
  "2002:a9fe:a9fe::",
  "2001:0:a9fe:a9fe::",
];

describe("address guard", () => {
  it.each(refused)("refuses %s (%s)", async (url) => {
    const lookup: Lookup = async () => [{ address: "127.0.0.1", family: 4 }];
    expect(await checkDestination(url, { allowPrivate: false, lookup })).toMatchObject({ ok: false });
  });

  it.each(allowed)("allows %s", async (url) => {
    expect(await checkDestination(url, { allowPrivate: false })).toMatchObject({ ok: true });
  });

  it.each(never)("never allows %s, even with every private network allowed or inside a listed range", (address) => {
    expect(refusalOf(address, true)).toMatch(/link-local or cloud metadata/);
    expect(refusalOf(address, ["0.0.0.0/0", "::/0"])).toMatch(/link-local or cloud metadata/);
  });

  it("refuses a name that resolves to any private address", async () => {
    const lookup: Lookup = async () => [
      { address: "93.184.215.14", family: 4 },
      { address: "10.1.1.1", family: 4 },
    ];
    expect(await checkDestination("https://hooks.example.com/x", { allowPrivate: false, lookup })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("10.1.1.1"),
    });
  });

  it("returns the checked addresses of a public name, for connecting to exactly those", async () => {
    const lookup: Lookup = async () => [
      { address: "2001:db8::1", family: 6 },
      { address: "93.184.215.14", family: 4 },
    ];
    const result = await checkDestination("https://hooks.example.com/x", { allowPrivate: false, lookup });
    // 2001:db8::/32 is the documentation range: reserved, so refused.
    expect(result).toMatchObject({ ok: false });
    const publicOnly: Lookup = async () => [{ address: "93.184.215.14", family: 4 }];
    expect(await checkDestination("https://hooks.example.com/x", { allowPrivate: false, lookup: publicOnly })).toEqual({
      ok: true,
      addresses: [{ address: "93.184.215.14", family: 4 }],
    });
  });

  it("reports names that do not resolve", async () => {
    const lookup: Lookup = async () => {
      throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
    };
    expect(await checkDestination("https://nowhere.invalid/", { allowPrivate: false, lookup })).toMatchObject({
      ok: false,
      unresolved: true,
    });
  });

  it("lets private networks through when configuration allows them, but never link-local or metadata", async () => {
    expect(await checkDestination("http://127.0.0.1:9/x", { allowPrivate: true })).toMatchObject({ ok: true });
    expect(
      await checkDestination("http://localhost:9/x", {
        allowPrivate: true,
        lookup: async () => [{ address: "::1", family: 6 }],
      }),
    ).toMatchObject({ ok: true });
    expect(await checkDestination("http://169.254.169.254/latest/meta-data/", { allowPrivate: true })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("metadata"),
    });
    const toMetadata: Lookup = async () => [{ address: "169.254.169.254", family: 4 }];
    expect(
      await checkDestination("http://innocent.example.com/", { allowPrivate: true, lookup: toMetadata }),
    ).toMatchObject({ ok: false, reason: expect.stringContaining("169.254.169.254") });
    expect(
      await checkDestination("http://metadata.google.internal/", { allowPrivate: true, lookup: toMetadata }),
    ).toMatchObject({ ok: false });
  });

  it("lets through only the listed private ranges when the operator names them", async () => {
    const ranges = ["10.0.0.0/8", "192.168.1.0/24", "fd12:3456::/48"];
    const check = (url: string, address?: string) =>
      checkDestination(url, {
        allowPrivate: ranges,
        lookup: async () => [{ address: address!, family: address?.includes(":") ? 6 : 4 }],
      });
    expect(await check("http://10.2.3.4/x")).toMatchObject({ ok: true });
    expect(await check("http://[::ffff:10.2.3.4]/x")).toMatchObject({ ok: true });
    expect(await check("http://192.168.1.20/x")).toMatchObject({ ok: true });
    expect(await check("http://[fd12:3456::5]/x")).toMatchObject({ ok: true });
    expect(await check("http://crm.internal/x", "10.9.9.9")).toMatchObject({ ok: true });
    expect(await check("https://8.8.8.8/x")).toMatchObject({ ok: true });
    for (const url of [
      "http://192.168.2.1/x",
      "http://127.0.0.1/x",
      "http://172.16.0.1/x",
      "http://[::1]/x",
      "http://[fd12:3457::1]/x",
      "http://[64:ff9b::a02:304]/x",
      "http://[::a02:304]/x",
    ]) {
      expect(await check(url)).toMatchObject({ ok: false });
    }
    expect(await check("http://crm.internal/x", "127.0.0.1")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("127.0.0.1"),
    });
    expect(await check("http://localhost/x", "127.0.0.1")).toMatchObject({ ok: false });
  });

  it("reads the operator's list of private ranges, refusing malformed ones and metadata space", () => {
    expect(parsePrivateRanges(" 10.0.0.0/8, 192.168.1.0/24 ,fd12:3456::/48")).toEqual({
      ok: true,
      ranges: ["10.0.0.0/8", "192.168.1.0/24", "fd12:3456::/48"],
    });
    expect(parsePrivateRanges("10.0.0.1")).toMatchObject({ ok: false, message: expect.stringContaining("CIDR") });
    expect(parsePrivateRanges(" , ")).toMatchObject({ ok: false });
    expect(parsePrivateRanges("10.0.0.0/8,169.254.169.254/32")).toMatchObject({
      ok: false,
      message: expect.stringContaining("metadata"),
    });
  });

  it("classifies single addresses", () => {
    expect(isPublicAddress("1.1.1.1")).toBe(true);
    expect(isPublicAddress("::ffff:10.0.0.1")).toBe(false);
    expect(isPublicAddress("::7f00:1")).toBe(false);
    expect(isPublicAddress("not an ip")).toBe(false);
  });
});
