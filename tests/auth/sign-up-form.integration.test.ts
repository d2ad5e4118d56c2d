import { describe, expect, it } from "vitest";
import { count, eq, inArray } from "drizzle-orm";
import { marketers, teams } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { SIGN_UPS_PER_ADDRESS, signUp, submitSignUp } from "@/lib/auth/sign-up";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";
import { uniqueEmail } from "../helpers/fixtures";

const database = setUpTestDatabase();

const WINDOW_MS = SIGN_UPS_PER_ADDRESS.windowMs;
/** A moment in the middle of a window, so a test never straddles a window boundary by accident. */
const parked = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + WINDOW_MS / 2;

let lastOctet = 0;
const freshAddress = () => `198.51.100.${++lastOctet}`;

const teamCount = async () => (await database.db.select({ n: count() }).from(teams))[0]!.n;

describe(`the sign-up form (${databaseKind()})`, () => {
  it("answers a taken email exactly as a new one, creates nothing, and leaves the password to sign-in", async () => {
    const email = uniqueEmail("taken");
    const owner = await signUp(database.db, { name: "Owner", email, password: "the owner's password" });
    if (!owner.ok) throw new Error(owner.message);
    const address = freshAddress();
    const teamsBefore = await teamCount();

    const taken = await submitSignUp(
      database.db,
      { name: "Stranger", email: email.toUpperCase(), password: "a stranger's guess" },
      address,
      parked,
    );
    const fresh = await submitSignUp(
      database.db,
      { name: "Newcomer", email: uniqueEmail("new"), password: "a newcomer's password" },
      address,
      parked,
    );
    // The form reads only ok and message; `created` stays on the server.
    expect(taken).toEqual({ ok: true, value: { created: false } });
    expect(fresh).toEqual({ ok: true, value: { created: true } });
    expect(await teamCount()).toBe(teamsBefore + 1);

    // What the stranger sees next is the sign-in form's answer, the same as for an email with no account.
    const guess = await authenticate(database.db, { email, password: "a stranger's guess" }, address, parked);
    const nobody = await authenticate(
      database.db,
      { email: uniqueEmail("nobody"), password: "a stranger's guess" },
      address,
      parked,
    );
    expect(guess).toEqual({
      ok: false,
      code: "invalid",
      message: "Incorrect email or password",
      fieldErrors: undefined,
    });
    expect(nobody).toEqual(guess);

    // The owner who signs up again with their own password just signs in to their account.
    const again = await submitSignUp(
      database.db,
      { name: "Owner Again", email, password: "the owner's password" },
      freshAddress(),
      parked,
    );
    expect(again).toEqual({ ok: true, value: { created: false } });
    expect(
      await authenticate(database.db, { email, password: "the owner's password" }, freshAddress(), parked),
    ).toMatchObject({
      ok: true,
      value: { marketerId: owner.value.marketerId, name: "Owner" },
    });
  });

  it("never mentions an existing account, whatever the input", async () => {
    const email = uniqueEmail("taken");
    await signUp(database.db, { name: "Owner", email, password: "the owner's password" });
    const answers = await Promise.all([
      submitSignUp(database.db, { name: "S", email, password: "short" }, freshAddress(), parked),
      submitSignUp(database.db, { name: "S", email, password: "long enough guess" }, freshAddress(), parked),
    ]);
    expect(answers[0]).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { password: "Use at least 8 characters" },
    });
    for (const answer of answers) expect(JSON.stringify(answer)).not.toMatch(/exist|account|taken|already/i);
  });

  it("lets one address create ten accounts an hour, however many it asks for at once", async () => {
    const address = freshAddress();
    const emails = Array.from({ length: SIGN_UPS_PER_ADDRESS.limit + 5 }, () => uniqueEmail("script"));
    const answers = await Promise.all(
      emails.map((email) =>
        submitSignUp(database.db, { name: "Script", email, password: "scripted password" }, address, parked),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(SIGN_UPS_PER_ADDRESS.limit);
    const refused = answers.filter((a) => !a.ok);
    expect(refused).toHaveLength(5);
    expect(refused[0]).toEqual({
      ok: false,
      code: "throttled",
      message: "Too many sign-ups from your network. Try again in 30 minutes.",
      fieldErrors: undefined,
    });
    expect(await database.db.select().from(marketers).where(inArray(marketers.email, emails))).toHaveLength(
      SIGN_UPS_PER_ADDRESS.limit,
    );

    // Another address is not affected, and the address is welcome again in the next window.
    const elsewhere = uniqueEmail("person");
    expect(
      await submitSignUp(
        database.db,
        { name: "Person", email: elsewhere, password: "a real password" },
        freshAddress(),
        parked,
      ),
    ).toMatchObject({ ok: true });
    const later = uniqueEmail("later");
    expect(
      await submitSignUp(
        database.db,
        { name: "Later", email: later, password: "a real password" },
        address,
        parked + WINDOW_MS,
      ),
    ).toMatchObject({ ok: true });
    expect(await database.db.select().from(marketers).where(eq(marketers.email, later))).toHaveLength(1);
  });

  it("counts a request without a known client address under one shared placeholder", async () => {
    const answers = [];
    for (let i = 0; i <= SIGN_UPS_PER_ADDRESS.limit; i++) {
      answers.push(
        await submitSignUp(
          database.db,
          { name: "Anon", email: uniqueEmail("anon"), password: "some password" },
          null,
          parked,
        ),
      );
    }
    expect(answers.map((a) => (a.ok ? "ok" : a.code))).toEqual([
      ...Array(SIGN_UPS_PER_ADDRESS.limit).fill("ok"),
      "throttled",
    ]);
  });
});
