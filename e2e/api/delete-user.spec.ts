import { expect, test } from "@playwright/test";
import { createCampaign, signUpMarketer, uniqueEmail } from "../helpers";

test("a person deleted through the API leaves their rewards in the dashboard, without their name", async ({
  page,
  request,
  baseURL,
}) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Deletions");
  await page.goto(`${campaign.url}/settings/integrations`);
  await page.getByRole("button", { name: "Generate API key" }).click();
  const headers = { authorization: `Bearer ${(await page.getByTestId("api-key-full").textContent())!.trim()}` };

  const referrerEmail = uniqueEmail("philippa");
  const { data: referrer } = await (
    await request.post("/api/v1/users", {
      headers,
      data: { campaign_id: campaign.id, type: "referrer", first_name: "Philippa", email: referrerEmail },
    })
  ).json();
  for (const name of ["Leo", "Mae"]) {
    const { data: lead } = await (
      await request.post("/api/v1/users", {
        headers,
        data: {
          campaign_id: campaign.id,
          type: "lead",
          first_name: name,
          email: uniqueEmail(name.toLowerCase()),
          referrer: referrer.id,
        },
      })
    ).json();
    expect(
      (await request.post("/api/v1/qualifications", { headers, data: { id: lead.id, qualified: true } })).status(),
    ).toBe(200);
  }
  const { data: earned } = await (await request.get(`/api/v1/rewards?campaign_id=${campaign.id}`, { headers })).json();
  expect((await request.post(`/api/v1/rewards/${earned[0].id}/issue`, { headers })).status()).toBe(200);

  expect((await request.delete(`/api/v1/users/${referrer.id}`, { headers })).status()).toBe(204);

  await page.goto(`${campaign.url}/rewards`);
  const rows = page.getByRole("row", { name: /Deleted person/ });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ has: page.getByText("Issued", { exact: true }) })).toHaveCount(1);
  const due = rows.filter({ has: page.getByText("Due", { exact: true }) });
  await expect(due).toContainText("Cannot be issued");
  await expect(page.getByRole("button", { name: /^Issue/ })).toHaveCount(0);
  await expect(page.getByRole("table")).not.toContainText("Philippa");
  await expect(page.getByRole("table")).not.toContainText(referrerEmail);
  await page.goto(campaign.url);
  await expect(page.getByTestId("stat-rewards-due")).toHaveText("1");
  await expect(page.getByTestId("stat-rewards-issued")).toHaveText("1");
});
