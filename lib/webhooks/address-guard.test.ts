import { describe, expect, it } from "vitest";
import { checkDestination, isPublicAddress, type Lookup } from "./address-guard";

const refused = [
  "http://127.0.0.1:8080/hook",
  "http://2130706433/hook", // 127.0.0.1 as one number
  "http://0x7f.1/hook",
  "http://127.1/hook",
  "http://0.0.0.0/",
  "http://10.0.0.5/",
  "http://172.16.3.4/",
  "http://192.168.1.1/",
  "http://169.254.169.254/latest/meta-data/", // cloud metadata
  "http://100.100.100.200/", // carrier-grade NAT (Alibaba metadata)
  "http://[::1]/",
  "http://[::ffff:127.0.0.1]/",
  "http://[::ffff:7f00:1]/",
  "http://[fd00:ec2::254]/", // AWS IPv6 metadata
  "http://[fe80::1]/",
  "http://[::]/",
  "http://224.0.0.1/",
  "http://localhost:3000/",
  "http://api.localhost/",
];
const allowed = ["https://8.8.8.8/hook", "https://[2001:4860:4860::8888]/hook", "https://93.184.215.14:8443/x"];

describe("address guard", () => {
  it.each(refused)("refuses %s", async (url) => {
    const lookup: Lookup = async () => [{ address: "127.0.0.1", family: 4 }];
    expect(await checkDestination(url, { allowPrivate: false, lookup })).toMatchObject({ ok: false });
  });

  it.each(allowed)("allows %s", async (url) => {
    expect(await checkDestination(url, { allowPrivate: false })).toMatchObject({ ok: true });
  });

  it("refuses a name that resolves to any private address", async () => {
    const lookup: Lookup = async () => [
      { address: "93.184.215.14", family: 4 },
      { address: "10.1.1.1", family: 4 },
    ];
    expect(await checkDestination("https://hooks.example.com/x", { allowPrivate: false, lookup })).toMatchObject({ ok: false, reason: expect.stringContaining("10.1.1.1") });
  });

  it("returns the checked addresses of a public name, for connecting to exactly those", async () => {
    const lookup: Lookup = async () => [{ address: "2001:db8::1", family: 6 }, { address: "93.184.215.14", family: 4 }];
    const result = await checkDestination("https://hooks.example.com/x", { allowPrivate: false, lookup });
    // 2001:db8::/32 is the documentation range: reserved, so refused.
    expect(result).toMatchObject({ ok: false });
    const publicOnly: Lookup = async () => [{ address: "93.184.215.14", family: 4 }];
    expect(await checkDestination("https://hooks.example.com/x", { allowPrivate: false, lookup: publicOnly })).toEqual({ ok: true, addresses: [{ address: "93.184.215.14", family: 4 }] });
  });

  it("reports names that do not resolve", async () => {
    const lookup: Lookup = async () => {
      throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
    };
    expect(await checkDestination("https://nowhere.invalid/", { allowPrivate: false, lookup })).toMatchObject({ ok: false, unresolved: true });
  });

  it("lets everything through when private networks are allowed by configuration", async () => {
    expect(await checkDestination("http://127.0.0.1:9/x", { allowPrivate: true })).toMatchObject({ ok: true });
    expect(await checkDestination("http://localhost:9/x", { allowPrivate: true, lookup: async () => [{ address: "::1", family: 6 }] })).toMatchObject({ ok: true });
  });

  it("classifies single addresses", () => {
    expect(isPublicAddress("1.1.1.1")).toBe(true);
    expect(isPublicAddress("::ffff:10.0.0.1")).toBe(false);
    expect(isPublicAddress("not an ip")).toBe(false);
  });
});
