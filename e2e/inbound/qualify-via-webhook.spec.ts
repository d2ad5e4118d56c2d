import { expect, test } from "@playwright/test";
import { createCampaign, joinAsReferrer, signUpAsLead, signUpMarketer } from "../helpers";
import { expectNoSeriousA11yViolations } from "../support/accessibility";

test("a lead is qualified by POSTing its code to the campaign's inbound URL", async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Webhook friends");
  const joinLink = (await page.getByTestId("join-link").textContent())!.trim();
  const referrer = await joinAsReferrer(browser, joinLink, "Ada");
  const lead = await signUpAsLead(browser, referrer.referralLink, "Lin", "Ada");

  await page.goto(`${campaign.url}/leads`);
  // Scoped to the page's table: the dialog's request log has rows too.
  const leadRow = page.getByRole("main").getByRole("row").filter({ hasText: lead.leadCode });
  await expect(leadRow).toContainText("Pending");

  await page.getByRole("button", { name: "Qualify leads" }).click();
  await page.getByRole("menuitem", { name: "Qualify via Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Qualify via Webhook" });
  for (const step of ["Configure Webhook Endpoint", "Send Webhook Payload", "Automatic Qualification"]) {
    await expect(dialog.getByRole("heading", { name: new RegExp(step) })).toBeVisible();
  }
  const url = (await dialog.getByTestId("inbound-url").textContent())!.trim();
  expect(url).toMatch(new RegExp(`^${baseURL}/api/inbound/rwin_[\\w-]{43}/qualify$`));
  await expect(dialog.getByTestId("inbound-curl")).toContainText(url);
  await expect(dialog.getByTestId("inbound-requests-empty")).toBeVisible();
  await dialog.getByRole("button", { name: /^Copy URL/ }).click();
  await expect(dialog.getByRole("button", { name: `Copied: ${url}` })).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  const qualified = await request.post(url, { data: { referral_code: lead.leadCode } });
  expect(qualified.status()).toBe(200);
  expect(await qualified.json()).toMatchObject({
    lead: { referral_code: lead.leadCode, status: "qualified" },
    already_qualified: false,
  });
  const unknown = await request.post(url, { form: { code: "nosuchcode" } });
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toMatchObject({ error: "unknown_referral_code", message: expect.any(String) });

  // Step 3 polls the request log while the dialog is open.
  const logged = dialog.getByTestId("inbound-request");
  await expect(logged.filter({ hasText: lead.leadCode })).toContainText("200 Qualified");
  await expect(logged.filter({ hasText: "nosuchcode" })).toContainText("404 unknown_referral_code");
  await page.screenshot({ path: "test-results/screens/qualify-via-webhook.png", fullPage: true });
  await expectNoSeriousA11yViolations(page, "Qualify via Webhook dialog");

  await dialog.getByRole("button", { name: "Rotate URL" }).click();
  const confirm = page.getByRole("dialog", { name: "Rotate the inbound URL?" });
  await expect(confirm).toContainText("stops working at once");
  await confirm.getByRole("button", { name: "Rotate URL" }).click();
  await expect(page.getByText("The old URL no longer works")).toBeVisible();
  await expect(dialog.getByTestId("inbound-url")).not.toHaveText(url);
  const rotated = (await dialog.getByTestId("inbound-url").textContent())!.trim();
  const stale = await request.post(url, { data: { referral_code: lead.leadCode } });
  expect(stale.status()).toBe(404);
  expect(await stale.json()).toMatchObject({ error: "unknown_token" });
  const again = await request.post(rotated, { form: { code: lead.leadCode } });
  expect(await again.json()).toMatchObject({ already_qualified: true });

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  // The dialog was opened from a menu item, which is gone: focus goes back to the menu's button.
  await expect(page.getByRole("button", { name: "Qualify leads" })).toBeFocused();
  await expect(leadRow).toContainText("Qualified");
  await page.goto(campaign.url);
  await expect(page.getByTestId("stat-leads-qualified")).toHaveText("1");
  await expect(page.getByTestId("stat-rewards-due")).toHaveText("1");
});
