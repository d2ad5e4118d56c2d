import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations as checkA11y } from "../support/accessibility";
import { createCampaign, joinAsReferrer, signUpAsLead, signUpMarketer } from "../helpers";

test("every dashboard page, menu and dialog has no serious accessibility findings", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signUpMarketer(page);
  await checkA11y(page, "campaigns, empty");
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await checkA11y(page, "account menu");
  await page.screenshot({ path: "test-results/screens/a11y-account-menu.png" });
  await page.keyboard.press("Escape");

  await page.goto("/campaigns/new");
  await checkA11y(page, "new campaign");
  const campaign = await createCampaign(page, baseURL!, "Accessible dashboard");
  const joinLink = (await page.getByTestId("join-link").textContent())!.trim();
  const referrer = await joinAsReferrer(browser, joinLink, "Ada");
  await signUpAsLead(browser, referrer.referralLink, "Lin", "Ada");
  await page.goto(campaign.url);
  await checkA11y(page, "campaign overview");
  await page.screenshot({ path: "test-results/screens/a11y-overview.png", fullPage: true });
  await page.goto("/campaigns");
  await checkA11y(page, "campaigns");
  await page.goto("/events");
  await checkA11y(page, "event catalogue");
  await page.goto("/inbox");
  await checkA11y(page, "empty request inbox");

  await page.goto(`${campaign.url}/referrers`);
  await expect(page.getByRole("cell", { name: /Ada/ })).toBeVisible();
  await checkA11y(page, "referrers");
  await page.getByRole("button", { name: "Add referrer" }).click();
  await expect(page.getByRole("dialog", { name: "Add a referrer" })).toBeVisible();
  await checkA11y(page, "Add a referrer dialog");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Import CSV" }).click();
  await expect(page.getByRole("dialog", { name: "Import users from CSV" })).toBeVisible();
  await checkA11y(page, "Import users from CSV dialog");
  await page.keyboard.press("Escape");

  await page.goto(`${campaign.url}/leads`);
  const leadRow = page.getByRole("main").getByRole("row").filter({ hasText: "Lin" });
  await expect(leadRow).toContainText("Pending");
  await checkA11y(page, "leads");
  await leadRow.getByRole("button", { name: "Actions for Lin" }).click();
  await expect(page.getByRole("menuitem", { name: "Qualify" })).toBeVisible();
  await checkA11y(page, "lead actions menu");
  await page.getByRole("menuitem", { name: "Qualify" }).click();
  await expect(leadRow).toContainText("Qualified");

  const qualifyLeads = page.getByRole("button", { name: "Qualify leads" });
  await qualifyLeads.click();
  await expect(page.getByRole("menuitem", { name: "Qualify via Webhook" })).toBeVisible();
  await checkA11y(page, "Qualify leads menu");
  await page.getByRole("menuitem", { name: "Qualify via Webhook" }).click();
  const qualifyDialog = page.getByRole("dialog", { name: "Qualify via Webhook" });
  await expect(qualifyDialog.getByTestId("inbound-requests-empty")).toBeVisible();
  await checkA11y(page, "Qualify via Webhook dialog");
  // The curl sample scrolls sideways: it takes focus, so the keyboard can scroll it.
  await qualifyDialog.getByRole("button", { name: /^Copy curl command/ }).focus();
  await page.keyboard.press("Tab");
  await expect(qualifyDialog.getByRole("region", { name: "Try it with curl" })).toBeFocused();
  await page.screenshot({ path: "test-results/screens/a11y-qualify-curl-focused.png" });
  await qualifyDialog.getByRole("button", { name: "Rotate URL" }).click();
  await expect(page.getByRole("dialog", { name: "Rotate the inbound URL?" })).toBeVisible();
  await checkA11y(page, "Rotate the inbound URL dialog");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Rotate the inbound URL?" })).toBeHidden();
  await page.keyboard.press("Escape");
  await expect(qualifyDialog).toBeHidden();
  await expect(qualifyLeads).toBeFocused();

  await page.goto(`${campaign.url}/rewards`);
  await expect(page.getByRole("main").getByRole("row").filter({ hasText: "Ada" })).toContainText("Due");
  await checkA11y(page, "rewards");
  await page.goto(`${campaign.url}/settings`);
  await checkA11y(page, "campaign settings");

  await page.goto(`${campaign.url}/settings/integrations`);
  await checkA11y(page, "integrations, no webhooks");
  await page.getByRole("button", { name: "More Details" }).click();
  await expect(page.getByRole("dialog", { name: "How outbound webhooks work" })).toBeVisible();
  await checkA11y(page, "How outbound webhooks work dialog");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const create = page.getByRole("dialog", { name: "Create Webhook" });
  await create.getByLabel("Name", { exact: true }).fill("CRM");
  await create.getByLabel("URL").fill("http://127.0.0.1:9/hooks/crm");
  await create.getByRole("button", { name: "Add header" }).click();
  await create.getByLabel("Headers 1 name").fill("Authorization");
  await create.getByLabel("Headers 1 value").fill("Bearer secret");
  await create.getByRole("button", { name: "Add credential" }).click();
  await create.getByLabel("Credentials 1 name").fill("api_key");
  await create.getByLabel("Credentials 1 value").fill("credential");
  await checkA11y(page, "Create Webhook dialog");
  await create.getByRole("button", { name: "Create Webhook" }).click();
  await expect(page.getByText("Webhook created")).toBeVisible();
  await checkA11y(page, "integrations with a webhook");

  await page.getByRole("button", { name: "Generate API key" }).click();
  await expect(page.getByRole("dialog", { name: "Your new API key" })).toBeVisible();
  // The section behind refreshes to show the key's prefix: check once it has, not while it changes.
  await expect(page.getByTestId("api-key-status")).toBeAttached();
  await checkA11y(page, "Your new API key dialog");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("dialog", { name: "Revoke API key" })).toBeVisible();
  await checkA11y(page, "Revoke API key dialog");
  await page.keyboard.press("Escape");
  await expect.soft(page.getByRole("button", { name: "Revoke" })).toBeFocused();

  const actions = page.getByRole("button", { name: "Actions for CRM" });
  await actions.click();
  await expect(page.getByRole("menuitem", { name: "Edit Webhook" })).toBeVisible();
  await checkA11y(page, "webhook actions menu");
  await page.getByRole("menuitem", { name: "Edit Webhook" }).click();
  await expect(page.getByRole("dialog", { name: "Edit Webhook" })).toBeVisible();
  await checkA11y(page, "Edit Webhook dialog");
  await page.keyboard.press("Escape");
  await expect(actions).toBeFocused();
  await actions.click();
  await page.getByRole("menuitem", { name: "Signing secret" }).click();
  await expect(page.getByRole("dialog", { name: "Signing secret" })).toBeVisible();
  await checkA11y(page, "Signing secret dialog");
  await page.keyboard.press("Escape");
  await expect(actions).toBeFocused();
  await actions.click();
  await page.getByRole("menuitem", { name: "Delete Webhook" }).click();
  await expect(page.getByRole("dialog", { name: "Delete Webhook" })).toBeVisible();
  await checkA11y(page, "Delete Webhook dialog");
  await page.keyboard.press("Escape");
  await expect(actions).toBeFocused();

  await page.getByRole("link", { name: "CRM" }).click();
  await expect(page.getByRole("heading", { name: /CRM/ })).toBeVisible();
  await checkA11y(page, "webhook deliveries, empty");
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByRole("dialog", { name: "Test event" })).toBeVisible();
  await checkA11y(page, "Test event dialog");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Replay failed" }).click();
  await expect(page.getByRole("dialog", { name: "Replay failed deliveries" })).toBeVisible();
  await checkA11y(page, "Replay failed deliveries dialog");
  await page.keyboard.press("Escape");
  await expect.soft(page.getByRole("button", { name: "Replay failed" })).toBeFocused();
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByRole("dialog", { name: "Rotate signing secret" })).toBeVisible();
  await checkA11y(page, "Rotate signing secret dialog");
  await page.keyboard.press("Escape");
  await page.getByRole("main").getByRole("link", { name: "Attempts" }).first().click();
  await expect(page.getByTestId("attempt-list")).toBeVisible();
  await checkA11y(page, "webhook deliveries with attempts");

  await page.goto(`/campaigns/${crypto.randomUUID()}`);
  await expect(page.getByRole("heading", { name: "Campaign not found" })).toBeVisible();
  await checkA11y(page, "campaign not found");
});
