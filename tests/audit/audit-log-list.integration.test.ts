import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { sql } from "drizzle-orm";
import { selectRows } from "@/db/client";
import { auditEvents } from "@/db/schema";
import AuditLogPage from "@/app/(dashboard)/team/audit/page";
import { parseAuditLogParams, type AuditLogQuery } from "@/lib/audit/audit-log-params";
import { AUDIT_PAGE_SIZE, listAuditActors, listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireMarketer, type SignedInContext } from "@/lib/auth/session";
import { createTeam } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

vi.mock("@/lib/auth/session", () => ({ requireMarketer: vi.fn() }));

const database = setUpTestDatabase();

const ALICE = "00000000-0000-4000-8000-00000000a11c";
const KEY = "00000000-0000-4000-8000-0000000000ce";

type Seed = {
  at: string;
  actor?: "alice" | "key" | "system";
  action?: string;
};

/** Entries at given times (to the microsecond), as the app writes them. */
async function seed(teamId: string, entries: Seed[]) {
  const actors = {
    alice: { actorKind: "member" as const, actorId: ALICE, actorLabel: "Alice <alice@example.com>" },
    key: { actorKind: "api_key" as const, actorId: KEY, actorLabel: "API key rw_live_abcd…" },
    system: { actorKind: "system" as const, actorId: null, actorLabel: "Referwire" },
  };
  await database.db.insert(auditEvents).values(
    entries.map(({ at, actor = "alice", action = "webhook.updated" }) => ({
      teamId,
      occurredAt: sql`${at}::timestamptz`,
      ...actors[actor],
      action,
      details: { changed: ["url"] },
    })),
  );
}

/** Every page from the first, following the cursor; `between` runs before each next page. */
async function walk(teamId: string, query: Omit<AuditLogQuery, "after"> = {}, between?: () => Promise<void>) {
  const seen: number[] = [];
  let after: AuditLogQuery["after"];
  for (;;) {
    const page = await listAuditEvents({ db: database.db, teamId }, { ...query, after });
    seen.push(...page.entries.map((e) => e.id));
    if (!page.nextCursor) return seen;
    after = parseAuditLogParams({ after: page.nextCursor }).after;
    expect(after).toBeDefined();
    await between?.();
  }
}

/** The team's entries newest first, read straight from the table. */
const newestFirst = async (teamId: string) =>
  (
    await selectRows<{ id: string }>(
      database.db,
      sql`select id from audit_events where team_id = ${teamId} order by occurred_at desc, id desc`,
    )
  ).map((r) => Number(r.id));

describe(`audit log listing (${databaseKind()})`, () => {
  it("pages newest first with a cursor: entries written between pages never repeat or hide one", async () => {
    const { teamId } = await createTeam(database.db);
    // 130 entries in threes: two share one time exactly, the third is a microsecond later, so
    // page edges fall between equal times and between times a millisecond cursor would merge.
    await seed(
      teamId,
      Array.from({ length: 130 }, (_, i) => ({
        at: `2026-03-01T10:${String(Math.floor(i / 3)).padStart(2, "0")}:00.00000${i % 3 === 1 ? 1 : 0}Z`,
      })),
    );
    const before = await newestFirst(teamId);
    let written = 0;
    const seen = await walk(teamId, {}, async () => {
      // Newer entries arrive while someone reads, and one written with a time between pages.
      written++;
      await seed(teamId, [{ at: new Date().toISOString() }, { at: "2026-03-01T10:00:00.000000Z" }]);
    });
    expect(written).toBe(Math.ceil(130 / AUDIT_PAGE_SIZE) - 1);
    expect(new Set(seen).size).toBe(seen.length);
    // Every original entry, in order; the late ones only where they fall below the cursor.
    expect(seen.filter((id) => before.includes(id))).toEqual(before);
    const fresh = (await listAuditEvents({ db: database.db, teamId }, {})).entries;
    expect(new Date(fresh[0]!.occurredAt).getTime()).toBeGreaterThan(Date.parse("2026-03-02"));
  });

  it("filters by who, what and UTC days, each with paging", async () => {
    const { teamId } = await createTeam(database.db);
    await seed(teamId, [
      { at: "2026-04-01T23:59:59.999999Z", actor: "alice", action: "webhook.created" },
      { at: "2026-04-02T00:00:00.000000Z", actor: "key", action: "user.created" },
      { at: "2026-04-02T12:00:00Z", actor: "system", action: "webhook.disabled" },
      { at: "2026-04-03T00:00:00Z", actor: "alice", action: "webhook.deleted" },
      ...Array.from({ length: 60 }, (_, i) => ({
        at: `2026-04-02T13:00:${String(i).padStart(2, "0")}Z`,
        actor: "key" as const,
        action: "lead.qualification_set",
      })),
    ]);
    const actions = async (query: Omit<AuditLogQuery, "after">) => {
      const ids = await walk(teamId, query);
      const rows = await database.db.select().from(auditEvents);
      return ids.map((id) => rows.find((r) => r.id === id)!.action);
    };
    expect(await actions({ actor: ALICE })).toEqual(["webhook.deleted", "webhook.created"]);
    expect(await actions({ actor: "system" })).toEqual(["webhook.disabled"]);
    expect(await actions({ actor: KEY })).toHaveLength(61);
    expect(await actions({ action: "lead.qualification_set" })).toHaveLength(60);
    expect(await actions({ action: "webhook.created" })).toEqual(["webhook.created"]);
    expect(await actions({ from: "2026-04-02", to: "2026-04-02", action: "user.created" })).toEqual(["user.created"]);
    expect(await actions({ from: "2026-04-02", to: "2026-04-02" })).toHaveLength(62);
    expect(await actions({ from: "2026-04-03" })).toEqual(["webhook.deleted"]);
    expect(await actions({ to: "2026-04-01" })).toEqual(["webhook.created"]);
    expect(await actions({ actor: ALICE, action: "user.created" })).toEqual([]);
  });

  it("never shows another team's entries or actors", async () => {
    const a = await createTeam(database.db);
    const b = await createTeam(database.db);
    await seed(a.teamId, [{ at: "2026-05-01T10:00:00Z", actor: "alice" }]);
    await seed(b.teamId, [
      { at: "2026-05-01T10:00:00Z", actor: "key" },
      { at: "2026-05-01T11:00:00Z", actor: "system" },
    ]);
    const ownIds = await newestFirst(a.teamId);
    expect(await walk(a.teamId)).toEqual(ownIds);
    expect(await walk(a.teamId, { actor: KEY })).toEqual([]);
    expect(await walk(a.teamId, { actor: "system" })).toEqual([]); // the system's entry is b's
    expect(await listAuditActors({ db: database.db, teamId: a.teamId })).toEqual([
      { id: ALICE, kind: "member", label: "Alice <alice@example.com>" },
    ]);
    expect(await listAuditActors({ db: database.db, teamId: b.teamId })).toEqual([
      { id: KEY, kind: "api_key", label: "API key rw_live_abcd…" },
      { id: "system", kind: "system", label: "Referwire" },
    ]);
  });

  it("names each actor by their latest label", async () => {
    const { teamId } = await createTeam(database.db);
    await seed(teamId, [{ at: "2026-06-01T10:00:00Z", actor: "alice" }]);
    await database.db.insert(auditEvents).values({
      teamId,
      actorKind: "member",
      actorId: ALICE,
      actorLabel: "Alice Renamed <alice@example.com>",
      action: "webhook.created",
    });
    expect(await listAuditActors({ db: database.db, teamId })).toEqual([
      { id: ALICE, kind: "member", label: "Alice Renamed <alice@example.com>" },
    ]);
  });

  it("reads a hand-edited URL as no filter rather than an error", () => {
    expect(
      parseAuditLogParams({
        actor: "'; drop table audit_events",
        action: "webhook.exploded",
        from: "yesterday",
        to: ["2026-01-02", "2026-01-03"],
        after: "not-a-cursor",
      }),
    ).toEqual({ actor: undefined, action: undefined, from: undefined, to: "2026-01-02", after: undefined });
    expect(parseAuditLogParams({ actor: "system", action: "webhook.created" })).toMatchObject({
      actor: "system",
      action: "webhook.created",
    });
  });
});

describe(`audit log page (${databaseKind()})`, () => {
  const signedInAs = async (role: SignedInContext["role"]) => {
    const team = await createTeam(database.db);
    await seed(team.teamId, [{ at: "2026-07-01T08:30:15Z", actor: "key", action: "user.created" }]);
    vi.mocked(requireMarketer).mockResolvedValue({
      db: database.db,
      teamId: team.teamId,
      role,
      marketer: { id: ALICE, name: "Alice", email: team.email },
      sessionId: "00000000-0000-4000-8000-000000000003",
    });
  };
  const render = async (searchParams: Record<string, string> = {}) =>
    renderToStaticMarkup(await AuditLogPage({ searchParams: Promise.resolve(searchParams) }));

  it("shows a Member that only Owners and Admins can see it, and nothing of the log", async () => {
    await signedInAs("member");
    const html = await render();
    expect(html).toContain("Only Owners and Admins can see the audit log");
    expect(html).not.toContain("rw_live_abcd");
    expect(html).not.toContain("<table");
  });

  it("shows Owners and Admins the entries, with when, who, what and where", async () => {
    for (const role of ["owner", "admin"] as const) {
      await signedInAs(role);
      const html = await render();
      expect(html).toContain("2026-07-01 08:30:15 UTC");
      expect(html).toContain("API key rw_live_abcd…");
      expect(html).toContain("User created (API)");
    }
    expect(await render({ action: "webhook.deleted" })).toContain("No entries match these filters");
  });
});
