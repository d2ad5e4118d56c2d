import { readFile, writeFile } from "node:fs/promises";
import Papa from "papaparse";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createCampaign, sendFromOwnAddress, signUpMarketer } from "../helpers";
import { expectNoSeriousA11yViolations } from "../support/accessibility";

const HYPERLINK = '=HYPERLINK("https://evil.test","Click me")';

/** Clicks Export CSV and reads the file the browser saved: its name and its rows as a spreadsheet sees them. */
async function exportCsv(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  const bytes = await readFile(await download.path());
  // The UTF-8 BOM, so Excel reads accents right.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<Record<string, string>>(bytes.subarray(3).toString("utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return { filename: download.suggestedFilename(), rows: parsed.data };
}

/** A visitor joins on the public page with a name of their choosing (source Direct). */
async function joinAs(browser: Browser, joinLink: string, firstName: string, email: string) {
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await sendFromOwnAddress(visitor);
  await visitor.goto(joinLink);
  await visitor.getByLabel("First name").fill(firstName);
  await visitor.getByLabel("Email").fill(email);
  await visitor.getByRole("button", { name: "Get my referral link" }).click();
  await expect(visitor.getByTestId("referral-code")).toBeVisible();
  await context.close();
}

async function importFile(page: Page, path: string, contents: string) {
  await writeFile(path, contents);
  await page.getByRole("button", { name: "Import CSV" }).click();
  await page.getByLabel("CSV file").setInputFiles(path);
  await page.getByRole("button", { name: "Import", exact: true }).click();
}

const dated = (table: string) => new RegExp(`^ete-exports-${table}-\\d{4}-\\d{2}-\\d{2}\\.csv$`);

test("exports the filtered Referrers, Leads and Rewards tables, formulas neutralised", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Été exports");
  await joinAs(browser, `${baseURL}/join/${campaign.id}`, "@SUM(1+1)", "sum@e2e.test");

  await page.goto(`${campaign.url}/referrers`);
  await importFile(
    page,
    testInfo.outputPath("people.csv"),
    [
      "type,first_name,email,referrer",
      "referrer,Ada,ada@e2e.test,",
      `referrer,"${HYPERLINK.replaceAll('"', '""')}",evil@e2e.test,`,
      "referrer,-2+3+cmd,minus@e2e.test,",
      "lead,Lin,lin@e2e.test,ada@e2e.test",
      "lead,Max,max@e2e.test,ada@e2e.test",
      "lead,Zoë,zoe@e2e.test,evil@e2e.test",
    ].join("\n"),
  );
  await expect(page.getByText("Imported 3 referrers and 3 leads")).toBeVisible();

  // Referrers, filtered to the imported ones: the file holds exactly those, neutralised.
  await page.getByLabel("Source").selectOption("Import");
  await expect(page).toHaveURL(/source=Import/);
  await expect(page.getByRole("main").getByRole("row")).toHaveCount(4);
  const imported = await exportCsv(page);
  expect(imported.filename).toMatch(dated("referrers"));
  expect(imported.rows.map((r) => r.first_name).sort()).toEqual([`'-2+3+cmd`, `'${HYPERLINK}`, "Ada"].sort());
  for (const row of imported.rows) {
    expect(row.source).toBe("Import");
    expect(row.referral_link).toBe(`${baseURL}/r/${row.referral_code}`);
    expect(row.joined_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  }
  await expect(page.getByText("Exported 3 rows")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/export-referrers.png", fullPage: true });
  await expectNoSeriousA11yViolations(page, "referrers with Export CSV");

  await page.getByLabel("Source").selectOption("Direct");
  await expect(page).toHaveURL(/source=Direct/);
  await expect(page.getByRole("main").getByRole("row")).toHaveCount(2);
  expect((await exportCsv(page)).rows.map((r) => [r.first_name, r.email])).toEqual([["'@SUM(1+1)", "sum@e2e.test"]]);

  // Leads: qualify one, filter by status.
  await page.goto(`${campaign.url}/leads`);
  // By its menu button: "HYPERLINK", Zoë's referrer, holds "Lin" too.
  const lin = page
    .getByRole("main")
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: "Actions for Lin" }) });
  await lin.getByRole("button", { name: "Actions for Lin" }).click();
  await page.getByRole("menuitem", { name: "Qualify" }).click();
  await expect(lin).toContainText("Qualified");
  await page.getByLabel("Status").selectOption("qualified");
  await expect(page).toHaveURL(/status=qualified/);
  await expect(page.getByRole("main").getByRole("row")).toHaveCount(2);
  const qualified = await exportCsv(page);
  expect(qualified.filename).toMatch(dated("leads"));
  expect(qualified.rows).toEqual([
    expect.objectContaining({
      first_name: "Lin",
      email: "lin@e2e.test",
      status: "qualified",
      source: "Import",
      referrer_first_name: "Ada",
      referrer_email: "ada@e2e.test",
      qualified_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    }),
  ]);
  await page.getByLabel("Status").selectOption("");
  await expect(page.getByRole("main").getByRole("row")).toHaveCount(4);
  const allLeads = await exportCsv(page);
  expect(allLeads.rows.find((r) => r.first_name === "Zoë")).toMatchObject({ referrer_first_name: `'${HYPERLINK}` });

  // Rewards: Ada's reward for Lin.
  await page.goto(`${campaign.url}/rewards`);
  const rewards = await exportCsv(page);
  expect(rewards.filename).toMatch(dated("rewards"));
  expect(rewards.rows).toEqual([
    expect.objectContaining({
      reward: "$25 credit",
      status: "due",
      recipient_first_name: "Ada",
      lead_first_name: "Lin",
    }),
  ]);
});

test("a long import and a long export show how far they have come", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Été exports");
  await page.goto(`${campaign.url}/leads`);
  const leads = Array.from({ length: 1_499 }, (_, i) => `lead,Friend ${i},friend${i}@e2e.test,ada@e2e.test`);
  await importFile(
    page,
    testInfo.outputPath("many.csv"),
    ["type,first_name,email,referrer", "referrer,Ada,ada@e2e.test,", ...leads].join("\n"),
  );
  // Past the first part and not yet done: the count moves while the file goes in.
  await expect(page.getByRole("status").filter({ hasText: /^Imported [1-9][\d,]* of 1,500 rows$/ })).toBeVisible({
    timeout: 60_000,
  });
  await page.screenshot({ path: "test-results/screens/import-progress.png" });
  await expect(page.getByText("Imported 1 referrers and 1,499 leads")).toBeVisible({ timeout: 60_000 });

  // A slow connection, so the export's progress can be seen.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: 40_000,
    uploadThroughput: -1,
  });
  const download = page.waitForEvent("download", { timeout: 60_000 });
  await page.getByRole("button", { name: "Export CSV" }).click();
  const progress = page.getByRole("status").filter({ hasText: /^Exporting… [\d,]+ of 1,499 rows$/ });
  await expect(progress).toBeVisible();
  await expect(page.getByRole("button", { name: "Export CSV" })).toBeDisabled();
  await expect(progress).toHaveText(/^Exporting… [1-9][\d,]* of 1,499 rows$/);
  await page.screenshot({ path: "test-results/screens/export-progress.png" });
  await expectNoSeriousA11yViolations(page, "leads while exporting");
  const file = await readFile(await (await download).path());
  expect(file.toString("utf8").trim().split("\r\n")).toHaveLength(1_500);
  await expect(page.getByText("Exported 1,499 rows")).toBeVisible();
  await expect(progress).toHaveCount(0);

  // Cancelling stops the download and says so.
  await page.getByRole("button", { name: "Export CSV" }).click();
  await expect(progress).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Export cancelled")).toBeVisible();
  await expect(page.getByRole("button", { name: "Export CSV" })).toBeEnabled();
});
