import { describe, expect, it } from "vitest";
import { authenticate, SIGN_IN_LIMIT_PER_ADDRESS, SIGN_IN_LIMIT_PER_ADDRESS_AND_EMAIL } from "@/lib/auth/authenticate";
import { signUp } from "@/lib/auth/sign-up";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";
import { uniqueEmail } from "../helpers/fixtures";

const database = setUpTestDatabase();

const WINDOW_MS = SIGN_IN_LIMIT_PER_ADDRESS_AND_EMAIL.windowMs;
const PER_EMAIL = SIGN_IN_LIMIT_PER_ADDRESS_AND_EMAIL.limit;
const PASSWORD = "the right password";

/** A moment in the middle of a window, so a test never straddles a window boundary by accident. */
const parked = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + WINDOW_MS / 2;

/** Each test signs in from addresses of its own: the per-address limit spans all emails. */
let lastOctet = 0;
const freshAddress = () => `203.0.113.${++lastOctet}`;

async function createAccount() {
  const email = uniqueEmail("owner");
  const created = await signUp(database.db, { name: "Owner", email, password: PASSWORD });
  if (!created.ok) throw new Error(created.message);
  return email;
}

const signIn = (email: string, password: string, address: string | null, now = parked) =>
  authenticate(database.db, { email, password }, address, now);

describe(`sign-in limits (${databaseKind()})`, () => {
  it("forty parallel guesses at one email get five password checks in all, and the right one after them is refused", async () => {
    const email = await createAccount();
    const attacker = freshAddress();
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 37 ? PASSWORD : `guess ${i}`));
    const answers = await Promise.all(guesses.map((password) => signIn(email, password, attacker)));

    expect(answers.filter((a) => a.ok)).toHaveLength(0);
    // "Incorrect" is the answer of a password that was checked; a refused attempt is never checked.
    // (Fewer than five can be checked: an attempt within the email's five may come after the
    // address's twenty, which the other attempts at this email count too.)
    const checked = answers.filter((a) => !a.ok && a.code === "invalid");
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(PER_EMAIL);
    const refused = answers.filter((a) => !a.ok && a.code === "throttled");
    expect(refused).toHaveLength(40 - checked.length);
    expect(refused[0]).toMatchObject({ message: "Too many sign-in attempts. Try again in 8 minutes." });
    expect(await signIn(email, PASSWORD, attacker)).toMatchObject({ ok: false, code: "throttled" });
  });

  it("an attacker elsewhere cannot lock the owner out of their own address", async () => {
    const email = await createAccount();
    const attacker = freshAddress();
    for (let i = 0; i < PER_EMAIL + 3; i++) await signIn(email, `guess ${i}`, attacker);
    expect(await signIn(email, PASSWORD, attacker)).toMatchObject({ ok: false, code: "throttled" });
    expect(await signIn(email, PASSWORD, freshAddress())).toMatchObject({ ok: true, value: { email } });
  });

  it("one address trying one password across many emails is throttled, other addresses are not", async () => {
    const email = await createAccount();
    const sprayer = freshAddress();
    const sprayed = await Promise.all(
      Array.from({ length: SIGN_IN_LIMIT_PER_ADDRESS.limit + 5 }, () =>
        signIn(uniqueEmail("victim"), "Summer2026!", sprayer),
      ),
    );
    expect(sprayed.filter((a) => !a.ok && a.code === "invalid")).toHaveLength(SIGN_IN_LIMIT_PER_ADDRESS.limit);
    expect(sprayed.filter((a) => !a.ok && a.code === "throttled")).toHaveLength(5);
    // A fresh email from the same address is refused too, even with its right password.
    expect(await signIn(email, PASSWORD, sprayer)).toMatchObject({ ok: false, code: "throttled" });
    expect(await signIn(email, PASSWORD, freshAddress())).toMatchObject({ ok: true });
  });

  it("an IPv6 client stepping through the addresses of its /64 is still one client", async () => {
    const email = await createAccount();
    const answers = [];
    for (let i = 1; i <= PER_EMAIL + 1; i++)
      answers.push(await signIn(email, `guess ${i}`, `2001:db8:5:6::${i.toString(16)}`));
    expect(answers.map((a) => (a.ok ? "ok" : a.code))).toEqual([...Array(PER_EMAIL).fill("invalid"), "throttled"]);
    expect(await signIn(email, PASSWORD, "2001:db8:5:7::1")).toMatchObject({ ok: true });
  });

  it("a successful sign-in clears the failures of its address and email", async () => {
    const email = await createAccount();
    const owner = freshAddress();
    for (let i = 0; i < PER_EMAIL - 1; i++)
      expect(await signIn(email, `typo ${i}`, owner)).toMatchObject({ code: "invalid" });
    expect(await signIn(email, PASSWORD, owner)).toMatchObject({ ok: true });
    // The count starts again: a full allowance of password checks, then the refusal.
    for (let i = 0; i < PER_EMAIL; i++)
      expect(await signIn(email, `typo again ${i}`, owner)).toMatchObject({ code: "invalid" });
    expect(await signIn(email, PASSWORD, owner)).toMatchObject({ code: "throttled" });
  });

  it("sign-ins that succeed do not use up their address's allowance; failures still do", async () => {
    const office = freshAddress();
    const colleagues = await Promise.all(Array.from({ length: 4 }, () => createAccount()));
    // Many more successful sign-ins from one office address than the per-address limit.
    for (let round = 0; round < SIGN_IN_LIMIT_PER_ADDRESS.limit / 2; round++) {
      for (const email of colleagues) expect(await signIn(email, PASSWORD, office)).toMatchObject({ ok: true });
    }
    // Failures across many emails from that address are throttled as before.
    let refused = 0;
    for (let i = 0; i <= SIGN_IN_LIMIT_PER_ADDRESS.limit; i++) {
      const answer = await signIn(uniqueEmail("sprayed"), PASSWORD, office);
      if (!answer.ok && answer.code === "throttled") refused++;
    }
    expect(refused).toBe(1);
  });

  it("the refusal ends with its window", async () => {
    const email = await createAccount();
    const address = freshAddress();
    for (let i = 0; i < PER_EMAIL; i++) await signIn(email, `guess ${i}`, address);
    expect(await signIn(email, PASSWORD, address, parked + WINDOW_MS / 2 - 30_000)).toMatchObject({
      code: "throttled",
      message: "Too many sign-in attempts. Try again in 30 seconds.",
    });
    expect(await signIn(email, PASSWORD, address, parked + WINDOW_MS)).toMatchObject({ ok: true });
  });

  it("an unknown email is counted like a known one, so the refusal tells nothing about accounts", async () => {
    const nobody = uniqueEmail("nobody");
    const address = freshAddress();
    const answers = [];
    for (let i = 0; i <= PER_EMAIL; i++) answers.push(await signIn(nobody, `guess ${i}`, address));
    expect(answers.map((a) => (a.ok ? "ok" : a.code))).toEqual([...Array(PER_EMAIL).fill("invalid"), "throttled"]);
  });

  it("a request without a known client address still counts, under one shared placeholder", async () => {
    const email = await createAccount();
    for (let i = 0; i < PER_EMAIL; i++) await signIn(email, `guess ${i}`, null);
    expect(await signIn(email, PASSWORD, null)).toMatchObject({ code: "throttled" });
  });
});
