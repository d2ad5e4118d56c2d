import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { createCampaign, signUpMarketer } from "../helpers";
import { E2E_SERVER_ENV } from "../support/server-env";

type Hit = { headers: IncomingHttpHeaders; body: string };

async function startReceiver(status = 200) {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      hits.push({ headers: req.headers, body });
      res.writeHead(status, { "content-type": "text/plain" }).end(`received ${hits.length}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm`,
    hits,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function createWebhook(page: import("@playwright/test").Page, campaignUrl: string, url: string, event: string) {
  await page.goto(`${campaignUrl}/settings/integrations`);
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await dialog.getByLabel("Name", { exact: true }).fill("CRM");
  await dialog.getByLabel("URL").fill(url);
  await dialog.getByLabel("Event").selectOption(event);
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(page.getByText("Webhook created")).toBeVisible();
  await page.getByRole("link", { name: "CRM" }).click();
  await expect(page.getByRole("heading", { name: /CRM/ })).toBeVisible();
}

test("send a test event and see the receiver's response", async ({ page, baseURL }) => {
  const receiver = await startReceiver(200);
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Test sends");
  await createWebhook(page, campaign.url, receiver.url, "referrer.joined");
  await page.getByRole("button", { name: "Send test event" }).click();
  const result = page.getByTestId("test-event-result");
  await expect(result).toContainText("Test event delivered · HTTP 200");
  await expect(result).toContainText("received 1");
  expect(JSON.parse(receiver.hits[0]!.body)).toMatchObject({ type: "referrer.joined" });
  expect(receiver.hits[0]!.headers["webhook-signature"]).toMatch(/^v1,/);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("row", { name: /referrer.joined/ })).toContainText("delivered");
  await receiver.close();
});

test("an event in the dashboard is delivered, signed, and its attempt is in the log", async ({ page, baseURL }) => {
  test.skip(
    !process.env.E2E_DATABASE_URL,
    "needs E2E_DATABASE_URL: the delivery runs in this process against the server's PostgreSQL database",
  );
  const receiver = await startReceiver(200);
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Live deliveries");
  await createWebhook(page, campaign.url, receiver.url, "referrer.joined");
  const webhookPage = page.url();

  await page.goto(`${campaign.url}/referrers`);
  await page.getByRole("button", { name: "Add referrer" }).click();
  await page.getByLabel("First name").fill("Dana");
  await page.getByLabel("Email").fill(`dana-${Date.now()}@e2e.test`);
  await page.getByRole("button", { name: "Add referrer" }).last().click();
  await expect(page.getByText("Referrer added")).toBeVisible();

  // Asynchronously: this process must keep serving the receiver while the delivery runs.
  const { stdout: output } = await promisify(execFile)(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "e2e/support/run-deliveries.ts"],
    {
      env: { ...process.env, ...E2E_SERVER_ENV, DATABASE_URL: process.env.E2E_DATABASE_URL, NODE_ENV: "test" },
    },
  );
  // The e2e database is shared by every spec, so the run may also deliver other specs' events to
  // their webhooks; this campaign's webhook must get exactly its one.
  expect(JSON.parse(output.trim().split("\n").pop()!).deliveries).toBeGreaterThanOrEqual(1);
  expect(receiver.hits).toHaveLength(1);
  expect(JSON.parse(receiver.hits[0]!.body)).toMatchObject({
    type: "referrer.joined",
    data: { user: { first_name: "Dana", source: "Added" } },
  });

  await page.goto(webhookPage);
  const row = page.getByRole("row", { name: /referrer.joined/ });
  await expect(row).toContainText("delivered");
  await expect(row).toContainText("200");
  await row.getByRole("link", { name: "Attempts" }).click();
  const attempts = page.getByTestId("attempt-list");
  await expect(attempts).toContainText("Attempt 1");
  await expect(attempts).toContainText("HTTP 200");
  await expect(attempts).toContainText("webhook-signature: v1,");
  await expect(attempts).toContainText("received 1");
  await page.screenshot({ path: "test-results/screens/delivery-log.png", fullPage: true });
  await receiver.close();
});
