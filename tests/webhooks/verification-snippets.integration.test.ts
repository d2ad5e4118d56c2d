import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { and, desc, eq } from "drizzle-orm";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents } from "@/db/schema";
import { deliverWebhook } from "@/inngest/deliver-webhook";
import { fanOutEvent } from "@/inngest/fan-out-event";
import { qualifyLead } from "@/lib/participants/qualify-lead";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { requestTarget } from "@/lib/webhooks/payload";
import { revealSigningSecret, rotateSigningSecret } from "@/lib/webhooks/signing-secret";
import { VERIFICATION_SNIPPETS } from "@/lib/webhooks/verification-snippets";
import { createLead, createProgram } from "../helpers/fixtures";
import { mockSendEvent, runInngestFunction, sentEvents } from "../helpers/inngest";
import { startReceiver, type Received } from "../helpers/receiver";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

// The snippets integrators paste, run as they are: the Node ones with node, the Python one with
// the machine's python3 and nothing installed, each against real deliveries from the app.
const database = setUpTestDatabase({ processDatabase: true });
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let dir: string;
beforeAll(async () => {
  receiver = await startReceiver();
  // Inside the repository, so the standardwebhooks snippet finds the package.
  await mkdir(path.join(process.cwd(), "test-results"), { recursive: true });
  dir = await mkdtemp(path.join(process.cwd(), "test-results", "snippets-"));
});
afterAll(async () => {
  await receiver?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Delivery = { secret: string; headers: Record<string, string>; payload: string };
type Runnable = "node" | "node-crypto" | "python";

function run(command: string, args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`${command} exited ${code}: ${err}`)),
    );
    child.stdin.end(input);
  });
}

async function verifyWith(language: Runnable, delivery: Delivery): Promise<string> {
  const input = JSON.stringify(delivery);
  if (language === "python") {
    const harness = `
import json, sys
given = json.load(sys.stdin)
try:
    verify_referwire(given["secret"], given["headers"], given["payload"].encode())
    print("valid")
except ValueError as error:
    print(f"invalid: {error}")
`;
    return run("python3", ["-c", VERIFICATION_SNIPPETS.python.code + harness], input);
  }
  const file = path.join(dir, `verify-${language}.mjs`);
  await writeFile(file, VERIFICATION_SNIPPETS[language].code);
  const harness = `
import { verifyReferwire } from ${JSON.stringify(pathToFileURL(file).href)};
let input = "";
for await (const chunk of process.stdin) input += chunk;
const { secret, headers, payload } = JSON.parse(input);
try {
  verifyReferwire(secret, headers, payload);
  console.log("valid");
} catch (error) {
  console.log("invalid: " + error.message);
}`;
  return run(process.execPath, ["--input-type=module", "-e", harness], input);
}

const signatureHeaders = (r: Received) => ({
  "webhook-id": String(r.headers["webhook-id"]),
  "webhook-timestamp": String(r.headers["webhook-timestamp"]),
  "webhook-signature": String(r.headers["webhook-signature"]),
});

async function deliverLatest(campaignId: string, type: string) {
  const [event] = await database.db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.campaignId, campaignId), eq(outboxEvents.type, type as "lead.qualified")))
    .orderBy(desc(outboxEvents.createdAt))
    .limit(1);
  if (!event) throw new Error(`no ${type} event`);
  const fanOut = await runInngestFunction(
    fanOutEvent,
    { id: event.id, name: "referwire/event.recorded", data: { eventId: event.id, campaignId, type } },
    [mockSendEvent("dispatch-0")],
  );
  for (const request of sentEvents(fanOut.ctx)) await runInngestFunction(deliverWebhook, request);
}

describe(`the verification snippets, run against real deliveries (${databaseKind()})`, () => {
  const runnable: Runnable[] = ["node", "node-crypto", "python"];
  let post: Delivery;
  let get: Delivery;
  let rotated: { oldSecret: string; newSecret: string; delivery: Omit<Delivery, "secret"> };

  beforeAll(async () => {
    const program = await createProgram(database.db);
    const made = await Promise.all(
      (["POST", "GET"] as const).map((method) =>
        createWebhook(program.team, program.campaign.id, {
          name: method,
          url: `${receiver.url}?own=1`,
          method,
          event: "lead.qualified",
        }),
      ),
    );
    const [postHook, getHook] = made.map((m) => {
      if (!m.ok) throw new Error(m.message);
      return m.value;
    });
    const secretOf = async (id: string) => {
      const secret = await revealSigningSecret(program.team, id);
      if (!secret.ok) throw new Error(secret.message);
      return secret.value.secret;
    };
    const secret = await secretOf(postHook!.id);
    const getSecret = await secretOf(getHook!.id);
    await qualifyLead(program.team, { id: program.lead.id });
    await deliverLatest(program.campaign.id, "lead.qualified");
    const [posted] = receiver.received.filter((r) => r.method === "POST");
    const [got] = receiver.received.filter((r) => r.method === "GET");
    post = { secret, headers: signatureHeaders(posted!), payload: posted!.body };
    get = {
      secret: getSecret,
      headers: signatureHeaders(got!),
      payload: `GET ${requestTarget(new URL(got!.url, "http://x"))}`,
    };

    // A delivery during the 24 hours after a rotation carries both signatures.
    await rotateSigningSecret(program.team, postHook!.id);
    const newSecret = await secretOf(postHook!.id);
    const lead2 = await createLead(database.db, program.referrer.referralCode, "Noor");
    receiver.received.length = 0;
    await qualifyLead(program.team, { id: lead2.id });
    await deliverLatest(program.campaign.id, "lead.qualified");
    const again = receiver.received.find((r) => r.method === "POST" && r.body.includes(lead2.id))!;
    rotated = { oldSecret: secret, newSecret, delivery: { headers: signatureHeaders(again), payload: again.body } };
  });

  it.each(runnable)("%s: a real POST delivery is valid; a changed body or signature is not", async (language) => {
    expect(await verifyWith(language, post)).toBe("valid");
    const changed = { ...post, payload: post.payload.replace("qualified", "Qualified") };
    expect(await verifyWith(language, changed)).toMatch(/^invalid: no (valid|matching) signature/i);
    const forged = post.headers["webhook-signature"]!.replace(/v1,./, "v1,A");
    expect(await verifyWith(language, { ...post, headers: { ...post.headers, "webhook-signature": forged } })).toMatch(
      /^invalid/,
    );
  });

  it.each(runnable)("%s: a GET delivery is valid with `GET <request target>` as the payload", async (language) => {
    expect(await verifyWith(language, get)).toBe("valid");
    const prefixed = get.payload.replace("?", "?data.user.email=attacker%40evil.example&");
    expect(await verifyWith(language, { ...get, payload: prefixed })).toMatch(
      /^invalid: no (valid|matching) signature/i,
    );
  });

  it.each(runnable)("%s: a request signed more than 5 minutes ago is refused", async (language) => {
    const id = post.headers["webhook-id"]!;
    const old = new Date(Date.now() - 6 * 60_000);
    const signature = new StandardWebhook(post.secret).sign(id, old, post.payload);
    const headers = {
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(old.getTime() / 1000)),
      "webhook-signature": signature,
    };
    expect(await verifyWith(language, { ...post, headers })).toMatch(/^invalid: .*(timestamp|too old)/i);
  });

  it.each(runnable)("%s: after a rotation, the old and the new secret both verify", async (language) => {
    expect(rotated.delivery.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(await verifyWith(language, { ...rotated.delivery, secret: rotated.oldSecret })).toBe("valid");
    expect(await verifyWith(language, { ...rotated.delivery, secret: rotated.newSecret })).toBe("valid");
  });

  it("docs/webhooks.md shows every snippet exactly as the dialog does", async () => {
    const docs = await readFile(path.join(process.cwd(), "docs", "webhooks.md"), "utf8");
    for (const { label, code } of Object.values(VERIFICATION_SNIPPETS)) expect(docs, label).toContain(code);
  });
});
