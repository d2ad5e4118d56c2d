import { expect, test } from "@playwright/test";
import { createCampaign, signIn, signUpMarketer, sendFromOwnAddress, startWellInsideWindow } from "../helpers";
import { expectNoSeriousA11yViolations } from "../support/accessibility";

test("sign up, sign out and sign in again", async ({ page }) => {
  const account = await signUpMarketer(page, "Robin Owner");
  await expect(page.getByRole("heading", { name: "Create your first campaign" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/campaigns-empty.png" });
  await expectNoSeriousA11yViolations(page, "campaigns, empty");

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, account.email.toUpperCase(), account.password);
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(page.getByText("Robin Owner", { exact: true })).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  const account = await signUpMarketer(page);
  await page.context().clearCookies();
  await signIn(page, account.email, "not the password");
  await expect(page.getByTestId("form-error")).toHaveText("Incorrect email or password");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("repeated wrong passwords are refused for a while from that address, not from the owner's", async ({
  page,
  browser,
}) => {
  // SIGN_IN_LIMIT_PER_ADDRESS_AND_EMAIL: five per fifteen-minute window; the six attempts take seconds.
  test.setTimeout(120_000);
  await startWellInsideWindow(15 * 60_000, 30_000);
  const account = await signUpMarketer(page);
  await page.context().clearCookies();
  for (let i = 0; i < 5; i++) {
    await signIn(page, account.email, `guess ${i}`);
    await expect(page.getByTestId("form-error")).toHaveText("Incorrect email or password");
  }
  await signIn(page, account.email, account.password);
  await expect(page.getByTestId("form-error")).toHaveText(
    /^Too many sign-in attempts\. Try again in \d+ (seconds?|minutes?)\.$/,
  );

  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await sendFromOwnAddress(ownerPage);
  await signIn(ownerPage, account.email, account.password);
  await expect(ownerPage).toHaveURL(/\/campaigns$/);
  await owner.close();
});

test("sign-up shows field errors, and a taken email gets only the sign-in answer: the right password signs in", async ({
  page,
}) => {
  const account = await signUpMarketer(page, "Robin Original");
  await page.context().clearCookies();
  await page.goto("/sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();
  await page.getByLabel("Your name").fill("Copycat");
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill("another password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Incorrect email or password");
  await expect(page.getByText(/already (exists|has an account)/i)).toHaveCount(0);
  await expect(page).toHaveURL(/\/sign-up$/);

  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(page.getByText("Robin Original", { exact: true })).toBeVisible();
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
