import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { marketers, teamMembers, teams } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { signUp } from "@/lib/auth/sign-up";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";
import { uniqueEmail } from "../helpers/fixtures";

const database = setUpTestDatabase();

describe(`accounts (${databaseKind()})`, () => {
  it("signs up a marketer with a team of their own and a hashed password", async () => {
    const email = uniqueEmail("Mixed.Case").replace("mixed", "MiXeD");
    const result = await signUp(database.db, { name: "Ada", email, password: "long enough password" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [row] = await database.db.select().from(marketers).where(eq(marketers.id, result.value.marketerId));
    expect(row!.email).toBe(email.toLowerCase());
    expect(row!.passwordHash).toMatch(/^scrypt\$/);
    expect(row!.passwordHash).not.toContain("long enough password");
    const [team] = await database.db.select().from(teams).where(eq(teams.id, result.value.teamId));
    expect(team!.name).toBe("Ada's team");
    const [membership] = await database.db.select().from(teamMembers).where(eq(teamMembers.teamId, team!.id));
    expect(membership).toMatchObject({ marketerId: row!.id, role: "owner" });
  });

  it("treats emails case-insensitively and refuses a second account for one email", async () => {
    const email = uniqueEmail();
    expect((await signUp(database.db, { name: "A", email, password: "password-one" })).ok).toBe(true);
    const again = await signUp(database.db, { name: "B", email: email.toUpperCase(), password: "password-two" });
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    expect(await database.db.select().from(marketers).where(eq(marketers.email, email))).toHaveLength(1);
  });

  it("creates one account when the same email signs up twice at once", async () => {
    const email = uniqueEmail();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => signUp(database.db, { name: "Racer", email, password: "password-race" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await database.db.select().from(marketers).where(eq(marketers.email, email))).toHaveLength(1);
  });

  it("rejects bad sign-up input field by field and writes nothing", async () => {
    const before = (await database.db.select().from(teams)).length;
    const result = await signUp(database.db, { name: " ", email: "not-an-email", password: "short" });
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    if (!result.ok) expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["email", "name", "password"]);
    expect((await database.db.select().from(teams)).length).toBe(before);
  });

  it("signs in with the right password, whatever the email's case", async () => {
    const email = uniqueEmail();
    await signUp(database.db, { name: "Grace", email, password: "right password" });
    const result = await authenticate(
      database.db,
      { email: email.toUpperCase(), password: "right password" },
      "198.51.100.1",
    );
    expect(result).toMatchObject({ ok: true, value: { email, name: "Grace" } });
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const email = uniqueEmail();
    await signUp(database.db, { name: "Grace", email, password: "right password" });
    const wrong = await authenticate(database.db, { email, password: "wrong password" }, "198.51.100.2");
    const unknown = await authenticate(database.db, { email: uniqueEmail(), password: "whatever" }, "198.51.100.2");
    expect(wrong).toEqual({
      ok: false,
      code: "invalid",
      message: "Incorrect email or password",
      fieldErrors: undefined,
    });
    expect(unknown).toEqual(wrong);
  });
});
