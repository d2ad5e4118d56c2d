import { z } from "zod";
import type { SearchParamsRecord } from "@/lib/tables/list-params";
import { auditActions } from "./audit-actions";

/** Where a page of the log starts: just below this entry, newest first. */
export type AuditCursor = { at: string; id: number };

/** The entry's time as PostgreSQL keeps it (microseconds, UTC), so no entry is skipped or repeated at a page edge. */
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Opaque in the URL, so nobody takes it for a date to edit. */
export const encodeAuditCursor = (cursor: AuditCursor) =>
  Buffer.from(`${cursor.at}_${cursor.id}`).toString("base64url");

function decodeAuditCursor(value: string): AuditCursor | null {
  const [at, id, ...rest] = Buffer.from(value, "base64url").toString().split("_");
  if (rest.length || !at || !id || !CURSOR_AT.test(at) || Number.isNaN(Date.parse(at)) || !/^\d{1,15}$/.test(id))
    return null;
  return { at, id: Number(id) };
}

// `?a=1&a=2` arrives as an array; the first value wins, as URLSearchParams.get() reads it.
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
/** Every field falls back to "no filter": the URL is editable, and a bad value shows the whole log, never an error. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(first, schema.optional()).catch(undefined);

const auditLogParams = z.object({
  /** An actor's id, or `system`. */
  actor: optional(z.union([z.literal("system"), z.uuid()])),
  action: optional(z.enum(auditActions)),
  /** UTC days, both included. */
  from: optional(z.iso.date()),
  to: optional(z.iso.date()),
  after: optional(
    z.string().transform((value, ctx) => {
      const cursor = decodeAuditCursor(value);
      if (!cursor) ctx.addIssue({ code: "custom", message: "Not a cursor" });
      return cursor ?? z.NEVER;
    }),
  ),
});

export type AuditLogQuery = z.output<typeof auditLogParams>;

/** The audit log page's URL state: its filters and where the page starts. */
export const parseAuditLogParams = (searchParams: SearchParamsRecord): AuditLogQuery =>
  auditLogParams.parse(searchParams);
