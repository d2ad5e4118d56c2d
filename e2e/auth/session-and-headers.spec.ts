import { expect, test, type Page } from "@playwright/test";
import { createCampaign, signUpMarketer } from "../helpers";

/** Collects everything the browser reports about the Content-Security-Policy, and console errors. */
function watchForViolations(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    // The app has no favicon; the browser's request for one is not a page problem.
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico"))
      problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`);
    });
  });
  return problems;
}

function expectPageHeaders(headers: Record<string, string>) {
  const policy = headers["content-security-policy"] ?? "";
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
}

test("sign-in, dashboard and join pages carry the security headers and run without a CSP violation", async ({
  page,
  browser,
  baseURL,
}) => {
  const problems = watchForViolations(page);

  const signInPage = await page.goto("/sign-in");
  expectPageHeaders(signInPage!.headers());
  const nonces = new Set<string>();
  for (let i = 0; i < 2; i++)
    nonces.add(/'nonce-([^']+)'/.exec((await page.request.get("/sign-in")).headers()["content-security-policy"]!)![1]!);
  expect(nonces.size, "a fresh nonce per response").toBe(2);

  await signUpMarketer(page, "Headers Owner");
  const campaign = await createCampaign(page, baseURL!, "Header campaign");
  const dashboard = await page.goto(campaign.url);
  expectPageHeaders(dashboard!.headers());
  // The menu opens only once React has hydrated: the page's scripts ran under the policy.
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await page.keyboard.press("Escape");

  const visitor = await browser.newContext();
  const joinPage = await visitor.newPage();
  const visitorProblems = watchForViolations(joinPage);
  const join = await joinPage.goto(`/join/${campaign.id}`);
  expectPageHeaders(join!.headers());
  expect(join!.headers()["content-security-policy"]).toContain("form-action 'self' http: https:");
  await expect(joinPage.getByLabel("First name")).toBeVisible();
  await joinPage.screenshot({ path: "test-results/screens/join-under-csp.png" });
  await visitor.close();

  const api = await page.request.get("/api/health");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");

  expect(problems).toEqual([]);
  expect(visitorProblems).toEqual([]);
});

test("signing out ends the session on the server: a copied session cookie stops working", async ({ page, browser }) => {
  await signUpMarketer(page, "Cookie Owner");
  const stolen = await page.context().cookies();
  expect(stolen.some((c) => c.name.includes("session-token"))).toBe(true);

  // Before sign-out, the copy works in another browser.
  const thief = await browser.newContext();
  await thief.addCookies(stolen);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/campaigns");
  await expect(thiefPage.getByText("Cookie Owner", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // The same cookie, replayed in a fresh browser after sign-out, is sent to sign in.
  const replay = await browser.newContext();
  await replay.addCookies(stolen);
  const replayPage = await replay.newPage();
  await replayPage.goto("/campaigns");
  await expect(replayPage).toHaveURL(/\/sign-in/);
  await expect(replayPage.getByRole("button", { name: "Sign in" })).toBeVisible();
  await thiefPage.reload();
  await expect(thiefPage).toHaveURL(/\/sign-in/);
  await thief.close();
  await replay.close();
});
