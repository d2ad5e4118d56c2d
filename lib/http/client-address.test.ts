import { describe, expect, it } from "vitest";
import { clientAddress, clientNetwork } from "./client-address";

const withChain = (chain: string) => new Headers({ "x-forwarded-for": chain });

describe("clientAddress", () => {
  it("with no proxy, believes only the socket peer the server appended", () => {
    expect(clientAddress(withChain("6.6.6.6, 203.0.113.7"), 0)).toBe("203.0.113.7");
  });

  it("with one trusted proxy, takes the address that proxy saw", () => {
    expect(clientAddress(withChain("6.6.6.6, 198.51.100.4, 10.0.0.2"), 1)).toBe("198.51.100.4");
  });

  it("never walks further left than the chain", () => {
    expect(clientAddress(withChain("10.0.0.2"), 3)).toBe("10.0.0.2");
  });

  it("reports IPv4 clients of a dual-stack socket as IPv4 and refuses junk", () => {
    expect(clientAddress(withChain("::ffff:203.0.113.7"), 0)).toBe("203.0.113.7");
    expect(clientAddress(withChain("not-an-address"), 0)).toBeNull();
    expect(clientAddress(new Headers(), 0)).toBeNull();
  });

  it("counts an IPv6 client by its /64, an IPv4 client by its address, and all unknown clients as one", () => {
    expect(clientNetwork("2001:db8:1:2:aaaa::1")).toBe(clientNetwork("2001:db8:1:2:ffff::9"));
    expect(clientNetwork("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("2001:db8:1:3::1")).not.toBe(clientNetwork("2001:db8:1:2::1"));
    expect(clientNetwork("203.0.113.7")).toBe("203.0.113.7");
    expect(clientNetwork(null)).toBe("unknown");
    expect(clientNetwork("not-an-address")).toBe("unknown");
  });
});
