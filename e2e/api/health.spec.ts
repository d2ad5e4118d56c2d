import { expect, test } from "@playwright/test";
import { signUpMarketer } from "../helpers";

test("the health check tells strangers the status only, and a signed-in marketer the database and outbox too", async ({
  page,
  playwright,
  baseURL,
}) => {
  const stranger = await playwright.request.newContext({ baseURL });
  const anonymous = await stranger.get("/api/health");
  expect(anonymous.status()).toBe(200);
  expect(await anonymous.json()).toEqual({ status: "ok" });
  await stranger.dispose();

  await signUpMarketer(page);
  const signedIn = await page.request.get("/api/health");
  expect(signedIn.status()).toBe(200);
  expect(await signedIn.json()).toMatchObject({
    status: "ok",
    database: { driver: expect.stringMatching(/^(postgres|pglite)$/), version: expect.stringMatching(/^\d+/) },
    outbox: { state: expect.stringMatching(/^(flowing|stalled)$/), waiting: expect.any(Number) },
  });
});
