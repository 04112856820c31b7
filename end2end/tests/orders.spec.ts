// A shopper's orders inside the simulator: after paying, "Orders" lists the order; its page
// shows the timeline and the receipt; "Buy again" fills the cart with the same items.
import { expect, test } from "@playwright/test";
import { buyWallpapers, emptyCart, openSimulator } from "./support";

test.beforeEach(async ({ request }) => emptyCart(request));

test("a paid order is in My orders with its timeline and receipt, and can be bought again", async ({ page }) => {
  const shop = await openSimulator(page);
  const orderTitle = await buyWallpapers(page, shop);

  await shop.getByRole("link", { name: "Orders", exact: true }).click();
  const newest = shop.getByTestId("order-row").first();
  await expect(newest).toContainText(orderTitle ?? "Order #");
  await expect(newest).toContainText("Wallpaper Pack");
  await expect(newest).toContainText("Paid");
  await expect(newest).toContainText("⭐ 50");

  await newest.click();
  const steps = shop.getByTestId("timeline").locator("li");
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toContainText("Awaiting payment");
  await expect(steps.nth(1)).toContainText("Paid");
  await expect(steps.nth(1).locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  await expect(shop.getByTestId("receipt")).toContainText("1 × ⭐ 50");
  await expect(shop.getByTestId("payment")).toContainText("Paid with Telegram Stars");

  await shop.getByRole("button", { name: "Buy again" }).click();
  await expect(shop.getByTestId("cart-lines")).toContainText("Wallpaper Pack");
  await expect(shop.getByTestId("cart-badge")).toHaveText("1");
});

test("a shopper without orders is invited to start shopping", async ({ page }) => {
  // Wei (1002) buys nothing in these tests; his Telegram speaks Chinese.
  const shop = await openSimulator(page);
  await page.getByTestId("sim-user").selectOption({ value: "1002" });
  await expect(shop.getByTestId("greeting")).toHaveText("Wei，您好！");
  await shop.getByRole("link", { name: "订单", exact: true }).click();
  await expect(shop.getByTestId("no-orders")).toContainText("还没有订单");
});
