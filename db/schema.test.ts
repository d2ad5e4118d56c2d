import { getTableColumns, getTableName, isTable } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "./schema";

// Tables that are not a team's data: the team itself, accounts (a person may belong to several
// teams), rate-limit counters, sign-in sessions (a marketer's, not a team's) and the delivery
// engine's pulse (every team's).
const NOT_TEAM_DATA = new Set(["teams", "marketers", "rate_limit_windows", "marketer_sessions", "outbox_relay_pulse"]);

describe("schema", () => {
  it("every table holding a team's data has a non-null team_id, so queries can scope by it", () => {
    const tables = Object.values(schema).filter((value) => isTable(value));
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) {
      if (NOT_TEAM_DATA.has(getTableName(table))) continue;
      const teamId = (getTableColumns(table) as Record<string, { name: string; notNull: boolean }>).teamId;
      expect({ table: getTableName(table), column: teamId?.name, notNull: teamId?.notNull }).toEqual({
        table: getTableName(table),
        column: "team_id",
        notNull: true,
      });
    }
  });
});
