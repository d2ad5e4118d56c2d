import { createHmac, timingSafeEqual } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { outboxEvents } from "@/db/schema";
import { deliverWebhook } from "@/inngest/deliver-webhook";
import { createDeliveriesForEvent, deliveryRequest } from "@/lib/webhooks/delivery/create-deliveries";
import { revealSigningSecret } from "@/lib/webhooks/signing-secret";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { createProgram } from "../helpers/fixtures";
import { runInngestFunction } from "../helpers/inngest";
import { startReceiver } from "../helpers/receiver";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase({ processDatabase: true });
let receiver: Awaited<ReturnType<typeof startReceiver>>;
afterEach(() => receiver?.close());

/** The receiver snippet of docs/webhooks.md ("Verifying a GET webhook"), with types added. */
const TOLERANCE_SECONDS = 5 * 60;
function verifyReferwireGet(
  secret: string,
  target: string,
  headers: Record<string, string | string[] | undefined>,
): boolean {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (typeof id !== "string" || typeof timestamp !== "string" || typeof signatures !== "string") return false;
  const sentAt = Number(timestamp);
  if (!Number.isInteger(sentAt) || Math.abs(Date.now() / 1000 - sentAt) > TOLERANCE_SECONDS) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.GET ${target}`).digest();
  return signatures.split(" ").some((versioned) => {
    const [version, signature] = versioned.split(",");
    const given = Buffer.from(signature ?? "", "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

describe(`GET webhooks sign what the receiver reads (${databaseKind()})`, () => {
  it("a real GET to a URL with its own parameters verifies with the documented procedure; a forged, moved or reordered target does not", async () => {
    receiver = await startReceiver([{ status: 200 }]);
    const { team, campaign, lead } = await createProgram(database.db);
    const created = await createWebhook(team, campaign.id, {
      name: "GET receiver",
      url: `${receiver.url}?a=1&b=2`,
      method: "GET",
      event: "lead.created",
    });
    if (!created.ok) throw new Error(created.message);
    const [event] = (
      await database.db.select().from(outboxEvents).where(eq(outboxEvents.campaignId, campaign.id))
    ).filter((e) => e.type === "lead.created");
    const [dispatch] = await createDeliveriesForEvent(database.db, event!.id);
    const run = await runInngestFunction(deliverWebhook, deliveryRequest(dispatch!));
    expect(run.result).toEqual({ status: "delivered", attempts: 1 });

    const [request] = receiver.received;
    expect(request!.method).toBe("GET");
    const target = request!.url; // the request target exactly as received (Node's req.url)
    expect(target).toMatch(/^\/hooks\?a=1&b=2&id=[0-9a-f-]{36}&type=lead\.created&/);
    const secret = await revealSigningSecret(team, created.value.id);
    if (!secret.ok) throw new Error(secret.message);
    expect(verifyReferwireGet(secret.value.secret, target, request!.headers)).toBe(true);
    expect(() =>
      new StandardWebhook(secret.value.secret).verify(`GET ${target}`, request!.headers as Record<string, string>, {
        jsonParse: false,
      }),
    ).not.toThrow();
    const params = new URL(target, "http://receiver.invalid").searchParams;
    expect({ a: params.get("a"), email: params.get("data.user.email") }).toEqual({ a: "1", email: lead.email });

    const query = target.slice(target.indexOf("?") + 1);
    const forgeries = {
      "a parameter put in front": `/hooks?data.user.email=attacker%40evil.example&${query}`,
      "another path": `/elsewhere?${query}`,
      "the query reordered": `/hooks?${query.split("&").reverse().join("&")}`,
      "the webhook URL's own parameters left out": `/hooks?${query.replace("a=1&b=2&", "")}`,
    };
    for (const [what, forged] of Object.entries(forgeries)) {
      expect(verifyReferwireGet(secret.value.secret, forged, request!.headers), what).toBe(false);
    }
    // What a first-value-wins parser would have read from the forged URL: the reason it must fail.
    expect(
      new URL(forgeries["a parameter put in front"], "http://receiver.invalid").searchParams.get("data.user.email"),
    ).toBe("attacker@evil.example");
  });
});
