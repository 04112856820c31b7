// Telegram's rules in the Mini App: the Settings item of the Mini App's menu (shown once the app
// sets it up) opens the settings page, which links the shop's privacy policy — the one the
// merchant wrote in the admin settings, rendered by the server at /privacy.
import { expect, test } from "@playwright/test";
import { adminAuthorization, openSimulator } from "./support";

test("Settings in the Mini App's menu leads to the merchant's privacy policy", async ({ page, request }) => {
  const headers = { authorization: await adminAuthorization(request, 1003) };
  const policy = "We keep your orders for ten years and nothing else.";
  const saved = await request.put("/api/admin/settings/policies", {
    headers,
    data: { support_contact: "@shop_support", privacy_policy: policy },
  });
  expect(saved.status()).toBe(200);

  const shop = await openSimulator(page);
  await page.getByTestId("sim-menu-button").click();
  const settings = page.getByTestId("sim-menu-settings");
  await expect(settings).toBeVisible();
  await settings.click();
  await expect(shop.getByTestId("settings")).toBeVisible();
  await expect(shop.getByTestId("settings-language")).toHaveText("English");
  await shop.getByTestId("privacy-link").click();
  await expect(shop.getByTestId("privacy-policy")).toContainText(policy);

  // Back to the default policy, so other specs see a fresh shop's.
  const reset = await request.put("/api/admin/settings/policies", { headers, data: {} });
  expect(reset.status()).toBe(200);
});
