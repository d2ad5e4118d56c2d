import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { createCampaign, signUpMarketer, uniqueEmail } from "../helpers";
import { expectNoSeriousA11yViolations } from "../support/accessibility";
import { E2E_SERVER_ENV } from "../support/server-env";

/** A loopback receiver answering each request with the next status of `statuses` (the last repeats). */
async function startReceiver(statuses: number[]) {
  const script = [...statuses];
  let hits = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      hits++;
      const status = script.length > 1 ? script.shift()! : script[0]!;
      res.writeHead(status, { "content-type": "text/plain" }).end(`answer ${hits}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm`,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function createWebhook(page: Page, campaignUrl: string, url: string, event: string) {
  await page.goto(`${campaignUrl}/settings/integrations`);
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await dialog.getByLabel("Name", { exact: true }).fill("CRM");
  await dialog.getByLabel("URL").fill(url);
  await dialog.getByLabel("Event").selectOption(event);
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(page.getByText("Webhook created")).toBeVisible();
}

async function sendTestEvent(page: Page, expected: string) {
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByTestId("test-event-result")).toContainText(expected);
  await page.keyboard.press("Escape");
}

const deliveryRows = (page: Page) => page.getByRole("table", { name: "Deliveries" }).locator("tbody tr");

test("health on the API & Webhooks table and the delivery log; filter and search the log", async ({
  page,
  baseURL,
}) => {
  const receiver = await startReceiver([200, 200, 503]);
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Webhook health");
  await createWebhook(page, campaign.url, receiver.url, "lead.created");
  const table = page.getByRole("table", { name: "Webhooks" });
  await expect(table.getByRole("row", { name: /CRM/ })).toContainText("No deliveries in the last 24 hours");

  await page.getByRole("link", { name: "CRM" }).click();
  await expect(page.getByRole("heading", { name: /CRM/ })).toBeVisible();
  await expect(page.getByTestId("health-empty")).toContainText("No deliveries in the last 24 hours");
  await expect(page.getByText("No deliveries yet")).toBeVisible();
  const webhookUrl = page.url();

  await sendTestEvent(page, "Test event delivered · HTTP 200");
  await sendTestEvent(page, "Test event delivered · HTTP 200");
  await sendTestEvent(page, "HTTP 503");
  await expect(deliveryRows(page)).toHaveCount(3);

  // The log's health: two of three finished deliveries delivered, one 5xx.
  const panel = page.getByTestId("webhook-health-panel");
  await expect(panel).toContainText("66.7%");
  await expect(panel).toContainText("2 of 3 finished deliveries");
  await expect(panel).toContainText("1 failed");
  await expect(page.getByTestId("failure-reasons").getByRole("listitem").filter({ hasText: "5xx" })).toContainText("1");
  await expect(
    page.getByRole("img", {
      name: /^Deliveries per hour over the last 24 hours: 2 delivered, 0 in progress, 1 failed/,
    }),
  ).toBeVisible();
  await page.screenshot({ path: "test-results/screens/delivery-log-health.png", fullPage: true });
  await expectNoSeriousA11yViolations(page, "delivery log with health");

  // Seven days: the same three, in the URL.
  await page.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/window=7d/);
  await expect(page.getByRole("heading", { name: "Health, last 7 days" })).toBeVisible();
  await expect(panel).toContainText("2 of 3 finished deliveries");

  // Filter by status: the URL says it, the form keeps it, the health window stays.
  const filters = page.getByRole("search", { name: "Filter deliveries" });
  await filters.getByLabel("Status").selectOption("failed");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(page).toHaveURL(/window=7d/);
  await expect(deliveryRows(page)).toHaveCount(1);
  await expect(deliveryRows(page).first()).toContainText("503");
  await expect(filters.getByLabel("Status")).toHaveValue("failed");

  // Its id finds it again, from a fresh page load.
  await deliveryRows(page).first().getByRole("link", { name: "Attempts" }).click();
  const attemptsHeading = page.getByText(/^Delivery [0-9a-f-]{36}/);
  const failedId = (await attemptsHeading.textContent())!.match(/[0-9a-f-]{36}/)![0];
  await page.goto(`${webhookUrl}?q=${failedId}`);
  await expect(deliveryRows(page)).toHaveCount(1);
  await expect(deliveryRows(page).first()).toContainText("503");
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(failedId);

  // Event type and time range.
  await page.goto(webhookUrl);
  await filters.getByLabel("Event").selectOption("user.deleted");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No deliveries match")).toBeVisible();
  await filters.getByLabel("Event").selectOption("lead.created");
  await filters.getByLabel("Created").selectOption("1h");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/type=lead\.created.*range=1h|range=1h.*type=lead\.created/);
  await expect(deliveryRows(page)).toHaveCount(3);
  await filters.getByLabel("Created").selectOption("custom");
  await filters.getByLabel("From (UTC)").fill("2020-01-01T00:00");
  await filters.getByLabel("To (UTC)").fill("2020-01-02T00:00");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2020-01-01T00%3A00/);
  await expect(page.getByText("No deliveries match")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/delivery-log-no-match.png", fullPage: true });
  await expectNoSeriousA11yViolations(page, "delivery log, filtered to nothing");

  // What cannot be read is said, never a 500.
  const odd = await page.goto(`${webhookUrl}?q=not-an-id&status=exploded&range=custom&from=soon&after=garbage`);
  expect(odd!.status()).toBe(200);
  const notices = page.getByTestId("log-notices");
  await expect(notices).toContainText('"not-an-id" is not a delivery id, an event id or an email address');
  await expect(notices).toContainText('From "soon" is not a date and time');
  await expect(notices).toContainText("That page link is not valid");
  await expect(deliveryRows(page)).toHaveCount(3);

  await filters.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(webhookUrl);

  // Back on the API & Webhooks table: the same day at a glance.
  await page.goto(`${campaign.url}/settings/integrations`);
  const health = table.getByRole("row", { name: /CRM/ }).getByTestId("webhook-health");
  await expect(health).toContainText("66.7%");
  await expect(health).toContainText(/p50 \d+ ms · p95 \d+ ms/);
  await expect(health.getByRole("img", { name: /2 delivered, 0 in progress, 1 failed/ })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/webhooks-table-health.png", fullPage: true });
  await expectNoSeriousA11yViolations(page, "API & Webhooks with health");
  await receiver.close();
});

test("search the log by a person's email and by event id, after real deliveries", async ({ page, baseURL }) => {
  test.skip(
    !process.env.E2E_DATABASE_URL,
    "needs E2E_DATABASE_URL: the deliveries run in this process against the server's PostgreSQL database",
  );
  const receiver = await startReceiver([200]);
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Search deliveries");
  await createWebhook(page, campaign.url, receiver.url, "referrer.joined");
  await page.getByRole("link", { name: "CRM" }).click();
  await expect(page.getByRole("heading", { name: /CRM/ })).toBeVisible();
  const webhookUrl = page.url();

  const emails = [uniqueEmail("dana"), uniqueEmail("eli")];
  for (const [i, email] of emails.entries()) {
    await page.goto(`${campaign.url}/referrers`);
    await page.getByRole("button", { name: "Add referrer" }).click();
    await page.getByLabel("First name").fill(["Dana", "Eli"][i]!);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Add referrer" }).last().click();
    await expect(page.getByText("Referrer added")).toBeVisible();
  }
  await promisify(execFile)(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "e2e/support/run-deliveries.ts"],
    {
      env: { ...process.env, ...E2E_SERVER_ENV, DATABASE_URL: process.env.E2E_DATABASE_URL, NODE_ENV: "test" },
    },
  );

  await page.goto(webhookUrl);
  await expect(deliveryRows(page)).toHaveCount(2);
  const search = page.getByRole("searchbox", { name: "Search" });
  await search.fill(emails[0]!.toUpperCase());
  await search.press("Enter");
  await expect(page).toHaveURL(/q=/);
  await expect(deliveryRows(page)).toHaveCount(1);
  await expect(deliveryRows(page).first()).toContainText(emails[0]!);
  await expect(deliveryRows(page).first()).toContainText("delivered");

  await deliveryRows(page).first().getByRole("link", { name: "Attempts" }).click();
  const described = await page.getByText(/^Delivery [0-9a-f-]{36}/).textContent();
  const eventId = described!.match(/Event ([0-9a-f-]{36})/)![1]!;
  await page.goto(`${webhookUrl}?q=${eventId}`);
  await expect(deliveryRows(page)).toHaveCount(1);
  await expect(deliveryRows(page).first()).toContainText(emails[0]!);
  await page.screenshot({ path: "test-results/screens/delivery-log-search.png", fullPage: true });
  await expectNoSeriousA11yViolations(page, "delivery log, searched");
  await receiver.close();
});
