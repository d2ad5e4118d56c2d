import { expect, test } from "@playwright/test";
import { createCampaign, joinAsReferrer, sendFromOwnAddress, signUpAsLead, signUpMarketer } from "../helpers";
import { expectNoSeriousA11yViolations } from "../support/accessibility";

test("a whole referral program: join, refer, qualify, reward", async ({ page, browser, baseURL }) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Spring friends");
  const joinLink = (await page.getByTestId("join-link").textContent())!.trim();
  expect(joinLink).toBe(`${baseURL}/join/${campaign.id}`);

  const referrer = await joinAsReferrer(browser, joinLink, "Ada");
  expect(referrer.referralLink).toBe(`${baseURL}/r/${referrer.referralCode}`);
  const lead = await signUpAsLead(browser, referrer.referralLink, "Lin", "Ada");
  expect(lead.landed.pathname).toBe("/sign-in");
  expect(lead.leadCode).toMatch(/^[2-9a-z]{12}$/);

  await page.goto(`${campaign.url}/referrers`);
  await expect(page.getByRole("cell", { name: /Ada/ })).toBeVisible();
  await page.goto(`${campaign.url}/leads`);
  const row = page.getByRole("row", { name: /Lin/ });
  await expect(row).toContainText("Pending");
  await expect(row).toContainText("Referred");
  await expect(row).toContainText(lead.leadCode);
  await page.screenshot({ path: "test-results/screens/leads.png", fullPage: true });
  await expectNoSeriousA11yViolations(page, "leads");

  await row.getByRole("button", { name: "Actions for Lin" }).click();
  await page.getByRole("menuitem", { name: "Qualify" }).click();
  await expect(page.getByText("Lead qualified")).toBeVisible();
  await expect(row).toContainText("Qualified");

  await page.goto(`${campaign.url}/rewards`);
  const reward = page.getByRole("row", { name: /Ada/ });
  await expect(reward).toContainText("Due");
  await expect(reward).toContainText("$25 credit");
  await reward.getByRole("button", { name: /Issue/ }).click();
  await expect(page.getByText("Reward issued")).toBeVisible();
  await expect(reward).toContainText("Issued");

  await page.goto(campaign.url);
  await expect(page.getByTestId("stat-referrers")).toHaveText("1");
  await expect(page.getByTestId("stat-leads-pending")).toHaveText("0");
  await expect(page.getByTestId("stat-leads-qualified")).toHaveText("1");
  await expect(page.getByTestId("stat-rewards-due")).toHaveText("0");
  await expect(page.getByTestId("stat-rewards-issued")).toHaveText("1");

  // The period's picture: today's activity in the chart, the funnel and the top referrer.
  for (const metric of ["referrersJoined", "leadsCreated", "leadsQualified", "rewardsIssued"])
    await expect(page.getByTestId(`period-${metric}`)).toHaveText("1");
  const chart = page.getByRole("img", { name: /per day, last 30 days/ });
  await expect(chart).toBeVisible();
  await page.getByText("Show as a table").click();
  const table = page.getByRole("table", { name: /per day, last 30 days/ });
  await expect(table.getByRole("row")).toHaveCount(31);
  await expect(table.getByRole("row").last()).toContainText(/1\s*1\s*1\s*1/);
  await expect(page.getByTestId("funnel-Brought a lead")).toHaveText("1");
  await expect(page.getByTestId("funnel-Qualified")).toHaveText("1");
  await expect(page.getByTestId("top-referrer")).toContainText("Ada");
  await page.screenshot({ path: "test-results/screens/overview.png", fullPage: true });
  await expectNoSeriousA11yViolations(page, "campaign overview");

  await page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/\?range=7$/);
  await expect(page.getByRole("img", { name: /per day, last 7 days/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "page");

  // Days follow the campaign's time zone.
  await page.goto(`${campaign.url}/settings`);
  await page.getByLabel("Time zone for reports").selectOption("America/New_York");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Campaign saved")).toBeVisible();
  await page.goto(campaign.url);
  await expect(page.getByText("days in America/New_York")).toBeVisible();
  await page.goto("/campaigns");
  await expect(page.getByTestId("lead-trend")).toContainText("1 lead in the last 30 days");
  await page.screenshot({ path: "test-results/screens/campaigns.png", fullPage: true });
});

test("the join page handles bad input, and shows a returning email its link again in the browser that joined", async ({
  page,
  browser,
  baseURL,
}) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Graceful");
  const visitor = await browser.newPage();
  await sendFromOwnAddress(visitor);
  await visitor.goto(`/join/${campaign.id}`);
  await visitor.getByLabel("Email").fill("not-an-email");
  await visitor.getByRole("button", { name: "Get my referral link" }).click();
  await expect(visitor.getByText("Enter a first name")).toBeVisible();
  await expect(visitor.getByText("Enter a valid email address")).toBeVisible();

  await visitor.getByLabel("First name").fill("Grace");
  await visitor.getByLabel("Email").fill("grace-returning@e2e.test");
  await visitor.getByRole("button", { name: "Get my referral link" }).click();
  const first = await visitor.getByTestId("referral-code").textContent();
  await visitor.goto(`/join/${campaign.id}`);
  await visitor.getByLabel("First name").fill("Grace");
  await visitor.getByLabel("Email").fill("Grace-Returning@e2e.test");
  await visitor.getByRole("button", { name: "Get my referral link" }).click();
  await expect(visitor.getByText("Welcome back, Grace!")).toBeVisible();
  await expect(visitor.getByTestId("referral-code")).toHaveText(first!);
  await visitor.close();
});

test("marketers add users by hand and import a CSV, with per-row errors", async ({ page, baseURL }, testInfo) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Imported");
  await page.goto(`${campaign.url}/referrers`);
  await page.getByRole("button", { name: "Add referrer" }).click();
  await page.getByLabel("First name").fill("Manual");
  await page.getByLabel("Email").fill("manual@e2e.test");
  await page.getByRole("button", { name: "Add referrer" }).last().click();
  await expect(page.getByText("Referrer added")).toBeVisible();
  await expect(page.getByRole("row", { name: /Manual/ })).toContainText("Added");

  const bad = testInfo.outputPath("bad.csv");
  const good = testInfo.outputPath("good.csv");
  const fs = await import("node:fs/promises");
  await fs.writeFile(bad, "type,first_name,email,referrer\nreferrer,Ok,ok@e2e.test,\nwizard,Nope,nope@e2e.test,\n");
  await fs.writeFile(
    good,
    "type,first_name,email,referrer\nreferrer,Ivy,ivy@e2e.test,\nlead,Leo,leo@e2e.test,manual@e2e.test\n",
  );
  await page.getByRole("button", { name: "Import CSV" }).click();
  await page.getByLabel("CSV file").setInputFiles(bad);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-errors")).toContainText("Line 3");
  await page.getByLabel("CSV file").setInputFiles(good);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported 1 referrers and 1 leads")).toBeVisible();
  await expect(page.getByRole("row", { name: /Ivy/ })).toContainText("Import");
  await expect(page.getByRole("row", { name: /Ok/ })).toHaveCount(0);

  await page.getByLabel("Search").fill("ivy@");
  await expect(page.getByRole("row", { name: /Manual/ })).toHaveCount(0);
  await expect(page).toHaveURL(/q=ivy/);
});
