import { expect, test } from "@playwright/test";
import { createCampaign, signUpMarketer, uniqueEmail } from "../helpers";

test("a key generated in the dashboard runs the program through the API, and the dashboard shows it", async ({
  page,
  request,
  baseURL,
}) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "API driven");
  await page.goto(`${campaign.url}/settings/integrations`);
  await expect(page.getByRole("link", { name: "OpenAPI document" })).toHaveAttribute("href", "/api/v1/openapi.json");
  await page.getByRole("button", { name: "Generate API key" }).click();
  const key = (await page.getByTestId("api-key-full").textContent())!.trim();
  const headers = { authorization: `Bearer ${key}` };

  const referrer = await request.post("/api/v1/users", {
    headers,
    data: { campaign_id: campaign.id, type: "referrer", first_name: "Ria", email: uniqueEmail("ria") },
  });
  expect(referrer.status()).toBe(201);
  const { data: ria } = await referrer.json();
  const lead = await request.post("/api/v1/users", {
    headers,
    data: {
      campaign_id: campaign.id,
      type: "lead",
      first_name: "Leo",
      email: uniqueEmail("leo"),
      referrer: ria.referral_code,
    },
  });
  expect(lead.status()).toBe(201);
  const { data: leo } = await lead.json();
  const qualified = await request.post("/api/v1/qualifications", {
    headers,
    data: { referral_code: leo.referral_code, qualified: true },
  });
  expect(await qualified.json()).toMatchObject({ changed: true, data: { status: "qualified" } });
  expect((await request.get("/api/v1/campaigns", { headers: { authorization: "Bearer wrong" } })).status()).toBe(401);
  expect((await request.get("/api/v1/openapi.json")).status()).toBe(200);

  await page.goto(`${campaign.url}/leads`);
  const row = page.getByRole("row", { name: /Leo/ });
  await expect(row).toContainText("Qualified");
  await expect(row).toContainText("API");
  await expect(row).toContainText("Ria");
  await page.goto(`${campaign.url}/settings/integrations`);
  await expect(page.getByTestId("api-key-status")).not.toContainText("Never");
});
