import { expect, test, type Browser, type Page } from "@playwright/test";
import { createCampaign, signUpMarketer, startWellInsideWindow, uniqueEmail, sendFromOwnAddress } from "../helpers";

/** A visitor in a browser of their own, on a network of their own. */
async function visitor(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await sendFromOwnAddress(page);
  return page;
}

/** Every server action answer the page receives, as text: what the browser was handed. */
function recordAnswers(page: Page) {
  const answers: string[] = [];
  page.on("response", async (response) => {
    if (response.request().method() === "POST") answers.push(await response.text().catch(() => ""));
  });
  return answers;
}

async function join(page: Page, joinLink: string, firstName: string, email: string) {
  await page.goto(joinLink);
  await page.getByLabel("First name").fill(firstName);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Get my referral link" }).click();
}

test("an email already in the campaign shows its link only in the browser that joined with it", async ({
  page,
  browser,
  baseURL,
}) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Discreet");
  const joinLink = `/join/${campaign.id}`;

  const owner = await visitor(browser);
  const email = uniqueEmail("zephyrine");
  await join(owner, joinLink, "Zephyrine", email);
  const code = (await owner.getByTestId("referral-code").textContent())!.trim();
  const cookie = (await owner.context().cookies()).find((c) => c.name === "referwire_joined");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  const stranger = await visitor(browser);
  const handed = recordAnswers(stranger);
  await join(stranger, joinLink, "Mallory", email.toUpperCase());
  const notice = stranger.getByTestId("undisclosed");
  await expect(notice).toContainText(
    "If this email is already in the campaign, its referral link is shown again only in the browser that joined with it.",
  );
  await expect(stranger.getByTestId("referral-code")).toHaveCount(0);
  for (const text of [await stranger.content(), ...handed]) {
    expect(text).not.toContain(code);
    expect(text).not.toContain("Zephyrine");
  }
  await stranger.screenshot({ path: "test-results/screens/join-neutral.png", fullPage: true });
  await stranger.getByRole("button", { name: "Use a different email" }).click();
  await expect(stranger.getByLabel("Email")).toHaveValue("");

  await join(owner, joinLink, "Zephyrine", email);
  await expect(owner.getByText("Welcome back, Zephyrine! Here is your link.")).toBeVisible();
  await expect(owner.getByTestId("referral-code")).toHaveText(code);

  // A referral link: the lead's own browser goes on with its code, another one is not told it.
  const friend = await visitor(browser);
  await friend.goto(`/r/${code}`);
  const leadEmail = uniqueEmail("quillon");
  await friend.getByLabel("First name").fill("Quillon");
  await friend.getByLabel("Email").fill(leadEmail);
  await friend.getByRole("button", { name: "Accept invitation" }).click();
  await friend.waitForURL(/referral_code=/);
  const leadCode = new URL(friend.url()).searchParams.get("referral_code")!;

  const snoop = await visitor(browser);
  const snooped = recordAnswers(snoop);
  await snoop.goto(`/r/${code}`);
  await snoop.getByLabel("First name").fill("Mallory");
  await snoop.getByLabel("Email").fill(leadEmail);
  await snoop.getByRole("button", { name: "Accept invitation" }).click();
  await expect(snoop.getByTestId("undisclosed")).toContainText("If this email has already signed up");
  await expect(snoop.getByRole("link", { name: "Continue to localhost" })).toHaveAttribute(
    "href",
    `${baseURL}/sign-in`,
  );
  expect(new URL(snoop.url()).pathname).toBe(`/r/${code}`);
  for (const text of [await snoop.content(), ...snooped]) {
    expect(text).not.toContain(leadCode);
    expect(text).not.toContain("Quillon");
  }
  await snoop.screenshot({ path: "test-results/screens/referral-neutral.png", fullPage: true });

  await friend.goto(`/r/${code}`);
  await friend.getByLabel("First name").fill("Quillon");
  await friend.getByLabel("Email").fill(leadEmail);
  await friend.getByRole("button", { name: "Accept invitation" }).click();
  await friend.waitForURL(/referral_code=/);
  expect(new URL(friend.url()).searchParams.get("referral_code")).toBe(leadCode);

  // The stranger's and the snoop's attempts wrote nobody: one referrer, one lead.
  await page.goto(campaign.url);
  await expect(page.getByTestId("stat-referrers")).toHaveText("1");
  await expect(page.getByTestId("stat-leads-pending")).toHaveText("1");
  for (const p of [owner, stranger, friend, snoop]) await p.context().close();
});

test("one network gets ten sign-ups, then is told how long to wait", async ({ page, browser, baseURL }) => {
  // PUBLIC_SIGN_UPS_PER_ADDRESS: ten per ten-minute window; the eleven joins take about half a minute.
  test.setTimeout(150_000);
  await startWellInsideWindow(10 * 60_000, 60_000);
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Limited");
  const script = await visitor(browser);
  for (let i = 0; i < 10; i++) {
    await join(script, `/join/${campaign.id}`, `Fake${i}`, uniqueEmail(`fake${i}`));
    await expect(script.getByTestId("referral-code")).toBeVisible();
  }
  await join(script, `/join/${campaign.id}`, "Fake10", uniqueEmail("fake10"));
  await expect(script.getByTestId("form-error")).toHaveText(
    /^Too many sign-ups from your network\. Try again in \d+ (seconds?|minutes?)\.$/,
  );
  await expect(script.getByLabel("First name")).toHaveValue("Fake10");
  await script.screenshot({ path: "test-results/screens/join-rate-limited.png", fullPage: true });

  await page.goto(campaign.url);
  await expect(page.getByTestId("stat-referrers")).toHaveText("10");
  await script.context().close();
});
