import { expect, test } from "@playwright/test";
import { createCampaign, signIn, signUpMarketer } from "../helpers";

test("sign up, sign out and sign in again", async ({ page }) => {
  const account = await signUpMarketer(page, "Robin Owner");
  await expect(page.getByRole("heading", { name: "Create your first campaign" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/campaigns-empty.png" });

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, account.email.toUpperCase(), account.password);
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(page.getByText("Robin Owner")).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  const account = await signUpMarketer(page);
  await page.context().clearCookies();
  await signIn(page, account.email, "not the password");
  await expect(page.getByTestId("form-error")).toHaveText("Incorrect email or password");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-up shows field errors and refuses a taken email", async ({ page }) => {
  const account = await signUpMarketer(page);
  await page.context().clearCookies();
  await page.goto("/sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();
  await page.getByLabel("Your name").fill("Copycat");
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill("another password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/already exists/)).toBeVisible();
});

test("signed-out visitors are sent to sign-in, then back where they were going", async ({ page }) => {
  const account = await signUpMarketer(page);
  await page.context().clearCookies();
  await page.goto("/campaigns/new");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/campaigns\/new$/);
});

test("a second team sees none of the first team's data", async ({ page, browser, baseURL }) => {
  await signUpMarketer(page, "Team One");
  const campaign = await createCampaign(page, baseURL!, "Team One's secret campaign");

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUpMarketer(otherPage, "Team Two");
  await expect(otherPage.getByText("Team One's secret campaign")).toHaveCount(0);
  for (const path of ["", "/leads", "/referrers", "/rewards", "/settings"]) {
    await otherPage.goto(`/campaigns/${campaign.id}${path}`);
    await expect(otherPage.getByRole("heading", { name: "Campaign not found" })).toBeVisible();
  }
  await other.close();
});
