import { expect, test } from "@playwright/test";
import { createCampaign, PASSWORD, sendFromOwnAddress, signUpMarketer, uniqueEmail } from "../helpers";
import { expectNoSeriousA11yViolations } from "../support/accessibility";

test("an owner invites a member, who joins from a fresh browser, sees integrations read-only, and shows in the audit log", async ({
  page,
  browser,
  baseURL,
}) => {
  const owner = await signUpMarketer(page, "Olive Owner");
  const campaign = await createCampaign(page, baseURL!, "Shared programme");
  await page.goto(`${campaign.url}/settings/integrations`);
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await dialog.getByLabel("Name", { exact: true }).fill("CRM");
  await dialog.getByLabel("URL").fill("http://127.0.0.1:9/hooks");
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(page.getByText("Webhook created")).toBeVisible();

  // The owner invites a colleague as a Member; the link is shown once.
  await page.getByRole("link", { name: "Team" }).click();
  await expect(page.getByTestId("member")).toHaveCount(1);
  const memberEmail = uniqueEmail("member");
  await page.getByRole("button", { name: "Invite member" }).click();
  const invite = page.getByRole("dialog", { name: "Invite a member" });
  await invite.getByLabel("Email").fill(memberEmail);
  await invite.getByLabel("Role").selectOption("member");
  await invite.getByRole("button", { name: "Invite", exact: true }).click();
  const link = (await invite.getByTestId("invitation-link").locator("code").textContent())!.trim();
  expect(link).toMatch(new RegExp(`^${baseURL}/invite/rwinv_`));
  await page.screenshot({ path: "test-results/screens/invite-dialog.png" });
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("invitation")).toContainText(memberEmail);
  await page.screenshot({ path: "test-results/screens/team.png", fullPage: true });
  await expectNoSeriousA11yViolations(page, "team page");

  // The colleague opens it in a browser of their own and signs up through it.
  const context = await browser.newContext();
  const member = await context.newPage();
  await sendFromOwnAddress(member);
  await member.goto(link);
  await expect(member.getByRole("heading", { name: /Join Olive Owner's team/ })).toBeVisible();
  await expect(member.getByText(`invited ${memberEmail} to join as Member`)).toBeVisible();
  await member.screenshot({ path: "test-results/screens/invitation.png", fullPage: true });
  await member.getByLabel("Your name").fill("Mia Member");
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: "Create account and join" }).click();
  await expect(member).toHaveURL(/\/campaigns$/);
  await expect(member.getByTestId("current-team")).toHaveText("Olive Owner's team · Member");
  await member.getByRole("link", { name: /Shared programme/ }).click();

  // Integrations are read-only for a Member: no secret, no changes.
  await member.goto(`${campaign.url}/settings/integrations`);
  await expect(member.getByTestId("read-only-notice")).toBeVisible();
  await expect(member.getByRole("button", { name: "Create Webhook" })).toHaveCount(0);
  await expect(member.getByRole("button", { name: "Generate API key" })).toHaveCount(0);
  await member.getByRole("button", { name: "Actions for CRM" }).click();
  await expect(member.getByRole("menuitem", { name: "Delivery log" })).toBeVisible();
  await expect(member.getByRole("menuitem", { name: "Signing secret" })).toHaveCount(0);
  await expect(member.getByRole("menuitem", { name: "Edit Webhook" })).toHaveCount(0);
  await member.keyboard.press("Escape");
  await member.screenshot({ path: "test-results/screens/integrations-member.png", fullPage: true });
  await member.getByRole("link", { name: "CRM" }).click();
  await expect(member.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  await expect(member.getByRole("button", { name: "Send test event" })).toHaveCount(0);
  await member.goto(`${campaign.url}/leads`);
  await expect(member.getByRole("button", { name: /Qualify leads/ })).toHaveCount(0);

  // The link worked once.
  await member.goto(link);
  await expect(member.getByTestId("invitation-closed")).toContainText("This invitation has been used");
  await context.close();

  // The owner sees both in the audit log, each by who did it.
  await page.goto("/team");
  await expect(page.getByTestId("member")).toHaveCount(2);
  await page.getByRole("link", { name: "Audit log" }).click();
  const log = page.getByRole("main");
  await expect(log).toContainText("Member joined");
  await expect(log).toContainText(`Mia Member <${memberEmail}>`);
  await expect(log).toContainText("Member invited");
  await expect(log).toContainText(`Olive Owner <${owner.email}>`);
  await page.screenshot({ path: "test-results/screens/audit-log.png", fullPage: true });
  await expectNoSeriousA11yViolations(page, "audit log");
});
