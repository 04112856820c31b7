// A shared invoice in the simulator: Camille (1003) posts the mug's invoice into the group from
// the admin page's Posts screen (multi-chat), then Ada (1001) and Layla (1004) both pay that
// same invoice in the group, each through the payment sheet as themselves; the post lists the
// two orders it brought.
import { expect, test } from "@playwright/test";
import { adminOnComputer, payShared } from "./support";

const CAMILLE = 1003;

test("the merchant posts the mug into the group and two other users pay it there", async ({ browser, page }) => {
  test.setTimeout(90_000);
  const desktop = await adminOnComputer(browser, page, CAMILLE);
  await desktop.getByRole("link", { name: "Posts", exact: true }).click();
  const form = desktop.getByTestId("post-form");
  await form.getByTestId("post-product").selectOption({ label: "Blue Glazed Mug" });
  await form.getByTestId("post-chat-typed").fill("@shop_friends");
  await form.getByTestId("post-multi").check();
  await form.getByTestId("post-submit").click();
  await expect(form.getByTestId("post-done")).toBeVisible({ timeout: 10_000 });
  const row = desktop.getByTestId("admin-post").first();
  await expect(row).toContainText("Shop Friends");
  await expect(row).toContainText("multi-chat");

  // In the simulator's group, the invoice anyone can pay.
  await page.getByTestId("sim-channel").selectOption({ label: "Shop Friends (@shop_friends, supergroup: the bot is a member)" });
  const invoice = page.getByTestId("sim-invoice").last();
  await expect(invoice).toContainText("Blue Glazed Mug");
  await expect(invoice.getByTestId("sim-invoice-price")).toHaveText("24.00 EUR");
  for (const payer of [1001, 1004]) {
    await payShared(page, invoice, payer);
  }

  await desktop.reload();
  const orders = desktop.getByTestId("admin-post").first().getByTestId("admin-post-orders");
  await expect(orders).toHaveAttribute("data-count", "2", { timeout: 10_000 });
});
