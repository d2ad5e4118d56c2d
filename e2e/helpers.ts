import { randomBytes } from "node:crypto";
import { expect, type Browser, type Page } from "@playwright/test";

export const uniqueEmail = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}@e2e.test`;
export const PASSWORD = "e2e password 123";

/**
 * An address of its own for a page, sent as the one proxy the e2e server trusts would send it, so
 * the per-client limits (sign-in, sign-up, public sign-ups) see each page as a different client.
 */
export async function sendFromOwnAddress(page: Page) {
  const [a, b] = randomBytes(2);
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.18.${a}.${b}` });
}

/** Signs up a new marketer (and so a new team) and lands on the Campaigns page. */
export async function signUpMarketer(page: Page, name = "Casey Marketer") {
  const email = uniqueEmail("marketer");
  await sendFromOwnAddress(page);
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  return { email, password: PASSWORD, name };
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Creates a campaign whose landing page is on the test server, so the lead's redirect resolves. */
export async function createCampaign(
  page: Page,
  baseURL: string,
  name = "Summer referrals",
  options: { autoIssue?: boolean } = {},
) {
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill(name);
  await page.getByLabel("Landing page URL").fill(`${baseURL}/sign-in`);
  await page.getByLabel("Referrer gets").fill("$25 credit");
  if (options.autoIssue) await page.getByLabel(/Issue rewards automatically/).check();
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return { url: page.url(), id: page.url().split("/").pop()! };
}

/** A visitor in a fresh browser context joins as a referrer; returns their link and code. */
export async function joinAsReferrer(browser: Browser, joinLink: string, firstName: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await sendFromOwnAddress(page);
  await page.goto(joinLink);
  await page.getByLabel("First name").fill(firstName);
  await page.getByLabel("Email").fill(uniqueEmail(firstName.toLowerCase()));
  await page.getByRole("button", { name: "Get my referral link" }).click();
  const referralLink = (await page.getByTestId("referral-link").textContent())!.trim();
  const referralCode = (await page.getByTestId("referral-code").textContent())!.trim();
  await context.close();
  return { referralLink, referralCode };
}

/** A friend in a fresh context accepts an invitation; returns where they were sent on to. */
export async function signUpAsLead(browser: Browser, referralLink: string, firstName: string, inviter: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await sendFromOwnAddress(page);
  await page.goto(referralLink);
  await expect(page.getByTestId("invitation-title")).toHaveText(`${inviter} invited you`);
  await page.getByLabel("First name").fill(firstName);
  await page.getByLabel("Email").fill(uniqueEmail(firstName.toLowerCase()));
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await page.waitForURL(/referral_code=/);
  const landed = new URL(page.url());
  await context.close();
  return { landed, leadCode: landed.searchParams.get("referral_code")! };
}

/**
 * Rate limits count in fixed windows aligned to the clock. A test that fills one waits, when the
 * current window ends within `needMs`, for the next one to begin, so its hits all land in one.
 */
export async function startWellInsideWindow(windowMs: number, needMs: number) {
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 1_000));
}
