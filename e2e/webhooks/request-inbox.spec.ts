import { expect, test } from "@playwright/test";
import { createCampaign, signUpMarketer } from "../helpers";
import { expectNoSeriousA11yViolations } from "../support/accessibility";

test("a test event lands in the request inbox with its signature shown as valid", async ({ page, baseURL }) => {
  await signUpMarketer(page);
  await page.getByRole("link", { name: "Request inbox" }).click();
  await expect(page.getByRole("heading", { name: "Request inbox" })).toBeVisible();
  await expect(page.getByText("Nothing has arrived yet")).toBeVisible();
  const inboxUrl = (await page.getByTestId("inbox-url").textContent())!;
  expect(inboxUrl).toMatch(new RegExp(`^${baseURL}/api/inbox/rwbox_`));

  const campaign = await createCampaign(page, baseURL!, "Inbox trial");
  await page.goto(`${campaign.url}/settings/integrations`);
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await dialog.getByLabel("Name", { exact: true }).fill("Try it");
  await dialog.getByRole("button", { name: "Use my request inbox" }).click();
  await expect(dialog.getByLabel("URL")).toHaveValue(inboxUrl);
  await dialog.getByLabel("Event").selectOption("lead.qualified");
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(page.getByText("Webhook created")).toBeVisible();
  await page.getByRole("link", { name: "Try it" }).click();
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByTestId("test-event-result")).toContainText("Test event delivered · HTTP 200");
  await page.keyboard.press("Escape");

  await page.getByRole("link", { name: "Request inbox" }).click();
  const request = page.getByTestId("inbox-request").first();
  await expect(request).toContainText("POST");
  await expect(request).toContainText("Signature valid");
  await request.locator("summary").click();
  await expect(request).toContainText("from webhook Try it (lead.qualified)");
  await expect(request.getByRole("region", { name: "Request body" })).toContainText('"type": "lead.qualified"');
  await page.screenshot({ path: "test-results/screens/request-inbox.png", fullPage: true });
  await expectNoSeriousA11yViolations(page, "request inbox");

  // A request from anywhere else is listed too, as not signed; the page picks it up by itself.
  await page.request.post(inboxUrl, { data: { hello: "inbox" } });
  await expect(page.getByTestId("inbox-request").first()).toContainText("Not signed", { timeout: 10_000 });

  await page.getByRole("button", { name: "Clear" }).click();
  await page.getByRole("dialog", { name: "Clear inbox" }).getByRole("button", { name: "Clear inbox" }).click();
  await expect(page.getByText("Nothing has arrived yet")).toBeVisible();
});
