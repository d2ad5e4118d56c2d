import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations as checkA11y } from "../support/accessibility";
import { createCampaign, signUpMarketer } from "../helpers";

test("an Owner sees who changed what, when and from where, and filters the log", async ({ page, baseURL }) => {
  const owner = await signUpMarketer(page, "Audra Owner");
  await page.goto("/team/audit");
  await expect(page.getByRole("heading", { name: "Nothing recorded yet" })).toBeVisible();
  await checkA11y(page, "empty audit log");

  await createCampaign(page, baseURL!, "Audited campaign");
  await page.goto("/team/audit");
  const created = page.getByRole("row").filter({ hasText: "Campaign created" });
  await expect(created).toContainText(`Audra Owner <${owner.email}>`);
  await expect(created).toContainText("Team member");
  await expect(created).toContainText("Audited campaign");
  await expect(created).toContainText(/UTC/);
  await expect(created).toContainText(/198\.18\.\d+\.\d+/); // the address the page sends from
  await expect(created).toContainText("Chrome");
  await checkA11y(page, "audit log");
  await page.screenshot({ path: "test-results/screens/audit-log.png", fullPage: true });

  await page.getByLabel("What").selectOption({ label: "Webhook deleted" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=webhook\.deleted/);
  await expect(page.getByRole("heading", { name: "No entries match these filters" })).toBeVisible();
  await checkA11y(page, "audit log, nothing matches");

  await page.getByLabel("Who").selectOption({ label: `Audra Owner <${owner.email}> (Team member)` });
  await page.getByLabel("What").selectOption({ label: "Campaign created" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=campaign\.created/);
  await expect(page.getByRole("row").filter({ hasText: "Campaign created" })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/team\/audit$/);
});
