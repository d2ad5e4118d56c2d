import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secret-box";

describe("secret box", () => {
  it("round-trips text, including unicode and the empty string", () => {
    for (const secret of ["rwin_abc", "", "päss wörd 🔑", "x".repeat(10_000)]) {
      expect(decryptSecret(encryptSecret(secret))).toBe(secret);
    }
  });

  it("never repeats a ciphertext and never contains the plaintext", () => {
    const a = encryptSecret("rwin_same-secret");
    const b = encryptSecret("rwin_same-secret");
    expect(a).not.toBe(b);
    expect(a).not.toContain("same-secret");
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("refuses another key, another context, or a tampered value", () => {
    const sealed = encryptSecret("secret", { context: "campaign-a" });
    expect(decryptSecret(sealed, { context: "campaign-a" })).toBe("secret");
    expect(() => decryptSecret(sealed, { context: "campaign-b" })).toThrow();
    expect(() => decryptSecret(sealed)).toThrow();
    expect(() => decryptSecret(sealed, { context: "campaign-a", key: randomBytes(32) })).toThrow();
    const [version, iv, tag, body] = sealed.split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() =>
      decryptSecret([version, iv, tag, flipped.toString("base64url")].join("."), { context: "campaign-a" }),
    ).toThrow();
  });

  it("rejects values that are not sealed secrets", () => {
    for (const junk of ["", "plain", "v2.a.b.c", "v1.a.b", "v1.a.b.c.d", "v1.AAAA.AAAA.AAAA"]) {
      expect(() => decryptSecret(junk)).toThrow();
    }
  });
});
