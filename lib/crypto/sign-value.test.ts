import { describe, expect, it } from "vitest";
import { signValue, verifySignedValue } from "./sign-value";

describe("signed values", () => {
  it("round-trip for the purpose they were signed for", () => {
    for (const value of ["", "a,b,c", "päss 🔑", "x".repeat(2_000)]) {
      expect(verifySignedValue(signValue(value, "test"), "test")).toBe(value);
    }
  });

  it("refuse another purpose, an altered payload or signature, and malformed input", () => {
    const signed = signValue("participant-a", "joined");
    expect(verifySignedValue(signed, "other")).toBeNull();
    const [payload, mac] = signed.split(".");
    const altered = Buffer.from("participant-b").toString("base64url");
    expect(verifySignedValue(`${altered}.${mac}`, "joined")).toBeNull();
    const flipped = Buffer.from(mac!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(verifySignedValue(`${payload}.${flipped.toString("base64url")}`, "joined")).toBeNull();
    for (const bad of ["", ".", `${payload}.`, `${payload}.${mac}.x`, `${payload}.short`, "no-dot"]) {
      expect(verifySignedValue(bad, "joined")).toBeNull();
    }
  });
});
