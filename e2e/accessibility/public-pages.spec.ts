import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations as checkA11y } from "../support/accessibility";
import { createCampaign, sendFromOwnAddress, signUpMarketer } from "../helpers";

test("the sign-in, sign-up and public pages have no serious accessibility findings", async ({
  page,
  browser,
  baseURL,
}) => {
  await signUpMarketer(page);
  const campaign = await createCampaign(page, baseURL!, "Accessible public pages");

  // axe needs a page of a context the test created (not browser.newPage()).
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await sendFromOwnAddress(visitor);
  await visitor.goto("/sign-in");
  await checkA11y(visitor, "sign-in");
  await visitor.getByLabel("Email").fill("nobody@e2e.test");
  await visitor.getByLabel("Password").fill("not the password");
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor.getByTestId("form-error")).toBeVisible();
  await checkA11y(visitor, "sign-in with an error");
  await visitor.goto("/sign-up");
  await visitor.getByRole("button", { name: "Create account" }).click();
  await expect(visitor.getByText("Enter your name")).toBeVisible();
  await checkA11y(visitor, "sign-up with field errors");

  await visitor.goto(`/join/${campaign.id}`);
  await checkA11y(visitor, "join page");
  await visitor.getByRole("button", { name: "Get my referral link" }).click();
  await expect(visitor.getByText("Enter a first name")).toBeVisible();
  await checkA11y(visitor, "join page with field errors");
  await visitor.getByLabel("First name").fill("Ada");
  await visitor.getByLabel("Email").fill(`ada-${Date.now()}@e2e.test`);
  await visitor.getByRole("button", { name: "Get my referral link" }).click();
  const code = (await visitor.getByTestId("referral-code").textContent())!.trim();
  await checkA11y(visitor, "join page with the referral link");

  await visitor.goto(`/r/${code}`);
  await expect(visitor.getByTestId("invitation-title")).toBeVisible();
  await checkA11y(visitor, "invitation page");
  await visitor.goto("/r/nosuchcode");
  await checkA11y(visitor, "invitation page of an unknown code");
  await visitor.goto("/no-such-page");
  await checkA11y(visitor, "not-found page");
  await visitorContext.close();
});
