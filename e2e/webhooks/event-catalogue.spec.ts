import { expect, test } from "@playwright/test";
import { createCampaign, signUpMarketer } from "../helpers";
import { expectNoSeriousA11yViolations } from "../support/accessibility";

test("the event catalogue shows each event's fields, example and schema, and copies a schema that is the published one", async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUpMarketer(page);
  await page.getByRole("link", { name: "Event catalogue" }).click();
  await expect(page.getByRole("heading", { name: "Event catalogue", level: 1 })).toBeVisible();

  const qualified = page.getByRole("region", { name: "lead.qualified", exact: true });
  await expect(qualified).toContainText("When it fires");
  await expect(qualified.getByRole("table", { name: "Fields of lead.qualified" })).toContainText(
    "data.user.qualified_at",
  );
  await expect(qualified.getByRole("region", { name: "Example lead.qualified body" })).toContainText(
    '"type": "lead.qualified"',
  );
  await expectNoSeriousA11yViolations(page, "event catalogue");
  await qualified.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screens/event-catalogue.png" });

  await qualified.getByRole("button", { name: /^Copy lead.qualified JSON Schema/ }).click();
  await expect(qualified.getByRole("button", { name: /^Copied/ })).toBeVisible();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as { $id: string };
  expect(copied.$id).toBe(`${baseURL}/schemas/events/lead.qualified.json`);
  // What was copied is what the public URL serves, without signing in.
  const published = await page.request.get("/schemas/events/lead.qualified.json", { headers: { cookie: "" } });
  expect(published.status()).toBe(200);
  expect(await published.json()).toEqual(copied);
  expect((await page.request.get("/schemas/events/lead.qualified.query.json")).status()).toBe(200);

  // The webhook dialog links to the event it is set to.
  const campaign = await createCampaign(page, baseURL!, "Catalogue");
  await page.goto(`${campaign.url}/settings/integrations`);
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await dialog.getByLabel("Event").selectOption("reward.issued");
  await expect(dialog.getByRole("link", { name: /event catalogue/ })).toHaveAttribute("href", "/events#reward.issued");
});

test("the signing secret dialog shows tested verification code in six languages", async ({ page, baseURL }) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Snippets");
  await page.goto(`${campaign.url}/settings/integrations`);
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const create = page.getByRole("dialog", { name: "Create Webhook" });
  await create.getByLabel("Name", { exact: true }).fill("Verifier");
  await create.getByLabel("URL").fill("http://127.0.0.1:9/hooks/verify");
  await create.getByRole("button", { name: "Create Webhook" }).click();
  await expect(page.getByText("Webhook created")).toBeVisible();

  await page.getByRole("button", { name: "Actions for Verifier" }).click();
  await page.getByRole("menuitem", { name: "Signing secret" }).click();
  const dialog = page.getByRole("dialog", { name: "Signing secret" });
  const languages = dialog.getByRole("tablist", { name: "Language" });
  await expect(languages.getByRole("tab")).toHaveText([
    "Node (standardwebhooks)",
    "Node (node:crypto only)",
    "Python (standard library)",
    "Ruby",
    "PHP",
    "Go",
  ]);
  await languages.getByRole("tab", { name: "Python (standard library)" }).click();
  await expect(dialog.getByRole("tabpanel")).toContainText(
    "def verify_referwire(secret: str, headers: dict, payload: bytes)",
  );
  await dialog.getByRole("button", { name: "Reveal" }).click();
  await expect(dialog.getByTestId("signing-secret")).toHaveText(/^whsec_/);
  await page.screenshot({ path: "test-results/screens/signing-secret-snippets.png" });
  await expectNoSeriousA11yViolations(page, "Signing secret dialog with snippets");
});
