import "server-only";
import { z } from "zod";
import { deliveryStatuses, eventTypes } from "@/db/enums";
import { decodeKeyset, type Keyset } from "@/lib/api/cursor";
import { isUuid } from "@/lib/ids";
import { MAX_QUERY_LENGTH, type SearchParamsRecord } from "@/lib/tables/list-params";
import { healthWindows, type HealthWindow } from "./delivery-health";
import type { DeliveryFilter } from "./list-deliveries";

/** The time ranges the log offers; `custom` reads `from` and `to`. */
export const deliveryRanges = ["all", "1h", "24h", "7d", "custom"] as const;
export type DeliveryRange = (typeof deliveryRanges)[number];
const RANGE_MS: Record<Exclude<DeliveryRange, "all" | "custom">, number> = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
};

/** A datetime-local value (`2026-05-01T09:30`, seconds optional) or an ISO time; without a zone it is UTC. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/;

// `?a=1&a=2` arrives as an array; the first value wins, as with URLSearchParams.get().
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const text = z
  .preprocess(
    first,
    z.string().transform((s) => s.trim().slice(0, 200)),
  )
  .optional()
  .catch(undefined);
// A value outside the list shows everything, as an unfiltered link would.
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(first, z.enum(values)).optional().catch(undefined);

const schema = z.object({
  status: oneOf(deliveryStatuses),
  type: oneOf(eventTypes),
  range: oneOf(deliveryRanges),
  window: oneOf(healthWindows),
  from: text,
  to: text,
  q: text,
  after: text,
  before: text,
  delivery: text,
});

export type DeliveryLogParams = {
  filter: DeliveryFilter;
  /** What the filter form shows, as the URL had it once understood. */
  form: { status: string; type: string; range: string; from: string; to: string; q: string };
  window: HealthWindow;
  after?: Keyset;
  before?: Keyset;
  /** The delivery whose attempts are open. */
  selected: string | null;
  /** Parameters that could not be used, in words; the log is shown without them. */
  notices: string[];
};

/**
 * The delivery log's URL, read: every filter, the health window, the page's cursor and the open
 * delivery. Nothing in it can fail the page: what cannot be read is left out, with a notice when
 * the reader would otherwise wonder why it had no effect.
 */
export function parseDeliveryLogParams(searchParams: SearchParamsRecord, now: Date = new Date()): DeliveryLogParams {
  const isRecord = typeof searchParams === "object" && searchParams !== null && !Array.isArray(searchParams);
  const params = schema.parse(isRecord ? searchParams : {});
  const notices: string[] = [];
  const filter: DeliveryFilter = { status: params.status, eventType: params.type };

  let range = params.range;
  // Dates without a range still mean what they say; "all" is the form's explicit "any time".
  if (!range && (params.from || params.to)) range = "custom";
  let fromText = "";
  let toText = "";
  if (range === "custom") {
    const from = readDateTime(params.from, "From", notices);
    const to = readDateTime(params.to, "To", notices);
    if (from && to && from.getTime() >= to.getTime()) {
      notices.push("The custom range ends before it starts, so it was ignored.");
    } else {
      filter.from = from ?? undefined;
      filter.to = to ?? undefined;
      fromText = from ? dateTimeLocal(from) : "";
      toText = to ? dateTimeLocal(to) : "";
    }
  } else if (range && range !== "all") {
    filter.from = new Date(now.getTime() - RANGE_MS[range]);
  }

  const q = params.q?.slice(0, MAX_QUERY_LENGTH) ?? "";
  if (q) {
    if (isUuid(q)) filter.search = { id: q.toLowerCase() };
    else if (/^[^\s@]+@[^\s@]+$/.test(q)) filter.search = { email: q.toLowerCase() };
    else notices.push(`"${q}" is not a delivery id, an event id or an email address, so the search was ignored.`);
  }

  const after = params.after ? decodeKeyset(params.after) : null;
  const before = params.before ? decodeKeyset(params.before) : null;
  if ((params.after && !after) || (params.before && !before))
    notices.push("That page link is not valid, so the newest deliveries are shown.");

  return {
    filter,
    form: {
      status: params.status ?? "",
      type: params.type ?? "",
      range: range ?? "",
      from: fromText,
      to: toText,
      q: filter.search ? q : "",
    },
    window: params.window ?? "24h",
    after: after ?? undefined,
    before: after ? undefined : (before ?? undefined),
    selected: params.delivery && isUuid(params.delivery) ? params.delivery : null,
    notices,
  };
}

/** The value a datetime-local input shows for a UTC time. */
const dateTimeLocal = (at: Date) => at.toISOString().slice(0, at.getUTCSeconds() || at.getUTCMilliseconds() ? 19 : 16);

/** Date parsing rolls 30 February over into March and 24:00 into the next day: refuse both. */
function realDate(value: string): boolean {
  const [y, m, d, h, min] = value.match(/\d+/g)!.map(Number) as [number, number, number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d && h < 24 && min < 60;
}

function readDateTime(value: string | undefined, name: string, notices: string[]): Date | null {
  if (!value) return null;
  const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const at = DATE_TIME.test(value) && realDate(value) ? new Date(zoned) : null;
  if (at && !Number.isNaN(at.getTime())) return at;
  notices.push(`${name} "${value}" is not a date and time, so it was ignored.`);
  return null;
}
