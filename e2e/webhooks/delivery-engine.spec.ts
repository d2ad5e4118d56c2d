import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { createCampaign, joinAsReferrer, signUpMarketer } from "../helpers";
import { expectNoSeriousA11yViolations } from "../support/accessibility";

test("the API & Webhooks tab and the delivery log say when events cannot reach Inngest, and what to do", async ({
  page,
  browser,
  baseURL,
}) => {
  test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL: it ages the server's outbox rows directly");
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Engine");
  const joinLink = (await page.getByTestId("join-link").textContent())!.trim();
  await joinAsReferrer(browser, joinLink, "Ada"); // user.joined and referrer.joined; no Inngest here

  // As if Inngest had been unreachable for five minutes.
  const sql = postgres(process.env.E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
  await sql`update outbox_pending set created_at = now() - interval '5 minutes' where campaign_id = ${campaign.id}`;
  await sql.end();

  await page.goto(`${campaign.url}/settings/integrations`);
  const notice = page.getByRole("region", { name: "Deliveries are waiting: Inngest is not reachable" });
  await expect(notice).toContainText("2 events wait in the outbox");
  await expect(notice).toContainText("Nothing is lost");
  // The e2e server runs as production: the advice is about the keys and the callback URL.
  await expect(notice).toContainText("INNGEST_EVENT_KEY");
  await expect(notice).toContainText(`${baseURL}/api/inngest`);
  await page.screenshot({ path: "test-results/screens/delivery-engine-stalled.png" });
  await expectNoSeriousA11yViolations(page, "integrations with the engine stalled");
});
