import { expect, test } from "@playwright/test";
import { createCampaign, signUpMarketer } from "../helpers";
import { expectNoSeriousA11yViolations } from "../support/accessibility";

test("create a webhook with headers and credentials, edit it, watch the preview follow, delete it", async ({
  page,
  baseURL,
}) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Webhooks");
  await page.goto(`${campaign.url}/settings/integrations`);
  await expect(page.getByRole("heading", { name: "API & Webhooks" })).toBeVisible();
  await expect(page.getByText("No webhooks yet")).toBeVisible();

  await page.getByRole("button", { name: "More Details" }).click();
  await expect(page.getByRole("dialog", { name: "How outbound webhooks work" })).toContainText("Standard Webhooks");
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await dialog.getByLabel("Name", { exact: true }).fill("CRM sync");
  await dialog.getByLabel("URL").fill("http://127.0.0.1:9/hooks/crm");
  await dialog.getByLabel("Event").selectOption("lead.qualified");
  await dialog.getByLabel("Referred").check();
  for (const [i, [key, value]] of [
    ["Authorization", "Bearer secret-1"],
    ["X-Tenant", "acme"],
    ["X-Trace", "on"],
  ].entries()) {
    await dialog.getByRole("button", { name: "Add header" }).click();
    await dialog.getByLabel(`Headers ${i + 1} name`).fill(key!);
    await dialog.getByLabel(`Headers ${i + 1} value`).fill(value!);
  }
  await expect(dialog.getByRole("button", { name: "Add header" })).toHaveCount(0); // no fourth header
  await dialog.getByRole("button", { name: "Add credential" }).click();
  await dialog.getByLabel("Credentials 1 name").fill("api_key");
  await dialog.getByLabel("Credentials 1 value").fill("cred-value-1");
  const body = dialog.getByTestId("webhook-preview-body");
  await expect(body).toContainText('"type": "lead.qualified"');
  await expect(body).toContainText('"api_key": "cred-value-1"');
  await page.screenshot({ path: "test-results/screens/create-webhook.png" });
  await expectNoSeriousA11yViolations(page, "Create Webhook dialog");
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(page.getByText("Webhook created")).toBeVisible();

  const row = page.getByRole("row", { name: /CRM sync/ });
  await expect(row).toContainText("http://127.0.0.1:9/hooks/crm");
  await expect(row).toContainText("POST");
  await expect(row).toContainText("Fire when a lead is qualified");
  await expect(row).toContainText("Referred");
  await expect(row).toContainText("Active");
  await page.screenshot({ path: "test-results/screens/webhooks-table.png", fullPage: true });
  await expectNoSeriousA11yViolations(page, "integrations with a webhook");
  // Secrets never come back to the browser after saving.
  const html = await page.content();
  expect(html).not.toContain("Bearer secret-1");
  expect(html).not.toContain("cred-value-1");

  await row.getByRole("button", { name: "Actions for CRM sync" }).click();
  await page.getByRole("menuitem", { name: "Edit Webhook" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Webhook" });
  await expect(edit.getByLabel("Headers 1 value")).toHaveValue("");
  await expect(edit.getByLabel("Headers 1 value")).toHaveAttribute("placeholder", /saved/);
  await edit.getByLabel("Event").selectOption("reward.issued");
  await expect(edit.getByTestId("webhook-preview-body")).toContainText('"type": "reward.issued"');
  await expect(edit.getByTestId("webhook-preview-body")).toContainText('"reward"');
  await edit.getByLabel("Name", { exact: true }).fill("CRM rewards");
  await edit.getByRole("button", { name: "Save Webhook" }).click();
  await expect(page.getByText("Webhook saved")).toBeVisible();
  await expect(page.getByRole("row", { name: /CRM rewards/ })).toContainText("Fire when a reward is issued");

  await page.getByRole("button", { name: "Actions for CRM rewards" }).click();
  await page.getByRole("menuitem", { name: "Signing secret" }).click();
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(page.getByTestId("signing-secret")).toHaveText(/^whsec_/);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Actions for CRM rewards" }).click();
  await page.getByRole("menuitem", { name: "Delete Webhook" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete Webhook" });
  await expect(confirm).toContainText("cannot be undone");
  await confirm.getByRole("button", { name: "Delete Webhook" }).click();
  await expect(page.getByText("Webhook deleted")).toBeVisible();
  await expect(page.getByText("No webhooks yet")).toBeVisible();
});

test("the form shows field errors from the shared schema", async ({ page, baseURL }) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Validation");
  await page.goto(`${campaign.url}/settings/integrations`);
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await dialog.getByLabel("URL").fill("https://user:pw@example.com/x");
  await dialog.getByRole("button", { name: "Add header" }).click();
  await dialog.getByLabel("Headers 1 name").fill("Content-Type");
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(dialog.getByText("Give the webhook a name")).toBeVisible();
  await expect(dialog.getByText(/Remove the user name and password/)).toBeVisible();
  await expect(dialog.getByText("Referwire sets this header itself")).toBeVisible();
});

test("a webhook can be created with the keyboard alone", async ({ page, baseURL }) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Keyboard");
  await page.goto(`${campaign.url}/settings/integrations`);
  await page.getByRole("button", { name: "Create Webhook" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Name", { exact: true })).toBeFocused();
  await page.keyboard.type("Keyboard hook");
  await page.keyboard.press("Tab");
  await page.keyboard.type("http://127.0.0.1:9/kb");
  await dialog.getByLabel("Name", { exact: true }).focus();
  // Submit from the keyboard: Enter in a text field submits the form.
  await page.keyboard.press("Enter");
  await expect(page.getByText("Webhook created")).toBeVisible();
  await expect(page.getByRole("row", { name: /Keyboard hook/ })).toBeVisible();
  // Focus returns to the trigger after the dialog closes.
  await expect(page.getByRole("button", { name: "Create Webhook" })).toBeFocused();
});

test("the API key is shown once, then only its prefix", async ({ page, baseURL }) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Keys");
  await page.goto(`${campaign.url}/settings/integrations`);
  await page.getByRole("button", { name: "Generate API key" }).click();
  const key = (await page.getByTestId("api-key-full").textContent())!;
  expect(key).toMatch(/^rw_live_/);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("api-key-status")).toContainText(key.slice(0, 12));
  await page.reload();
  expect(await page.content()).not.toContain(key);
});
