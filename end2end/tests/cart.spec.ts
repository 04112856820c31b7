// The cart is kept on the server per Telegram user: it survives closing the Mini App, and the
// cart page changes quantities and removes lines, with totals the server priced.
import { expect, test } from "@playwright/test";
import { emptyCart, openSimulator } from "./support";

test.beforeEach(async ({ request }) => emptyCart(request));

test("the cart is still there when the shopper reopens the Mini App", async ({ page }) => {
  let shop = await openSimulator(page);
  const mainButton = page.getByTestId("sim-main-button");
  const addMug = shop.getByRole("button", { name: "Add Blue Glazed Mug to cart" });
  await addMug.click();
  await addMug.click();
  await expect(mainButton).toHaveText("View cart · 2");
  await mainButton.click();
  await expect(shop.getByTestId("cart-total")).toHaveText("48,00 €");

  // Closing the Mini App and opening it again from the chat.
  shop = await openSimulator(page);
  await expect(mainButton).toHaveText("View cart · 2");
  await expect(shop.getByTestId("product-card").filter({ hasText: "Blue Glazed Mug" })).toContainText("2 in cart");
  await mainButton.click();
  await expect(shop.getByTestId("cart-line")).toHaveCount(1);
  await expect(shop.getByTestId("cart-line")).toContainText("Blue Glazed Mug");
  await expect(shop.getByLabel("Quantity of Blue Glazed Mug")).toHaveText("2");
  await expect(shop.getByTestId("cart-shipping")).toHaveText("from 4,90 €, chosen when you pay");
});

test("quantities change and lines are removed, and the totals follow", async ({ page }) => {
  let shop = await openSimulator(page);
  const mainButton = page.getByTestId("sim-main-button");
  await shop.getByRole("button", { name: "Add Blue Glazed Mug to cart" }).click();
  await shop.getByRole("button", { name: "Add Hand-Woven Linen Scarf to cart" }).click();
  await mainButton.click();
  const total = shop.getByTestId("cart-total");
  await expect(shop.getByTestId("cart-line")).toHaveCount(2);
  const before = await total.textContent();

  await shop.getByRole("button", { name: "One more Blue Glazed Mug" }).click();
  await expect(shop.getByLabel("Quantity of Blue Glazed Mug")).toHaveText("2");
  await expect(total).not.toHaveText(before ?? "");
  await expect(mainButton).toHaveText("Checkout · 3 items");
  await shop.getByRole("button", { name: "One less Blue Glazed Mug" }).click();
  await expect(total).toHaveText(before ?? "");

  await shop.getByRole("button", { name: "Remove Hand-Woven Linen Scarf" }).click();
  await expect(shop.getByTestId("cart-line")).toHaveCount(1);
  await expect(total).toHaveText("24,00 €");
  await shop.getByRole("button", { name: "Remove Blue Glazed Mug" }).click();
  await expect(shop.getByTestId("cart-empty")).toBeVisible();
  await expect(mainButton).toBeHidden();
  await expect(page.getByTestId("sim-events")).toContainText("web_app_trigger_haptic_feedback");

  shop = await openSimulator(page);
  await expect(shop.getByTestId("greeting")).toBeVisible();
  await expect(mainButton).toBeHidden(); // the emptied cart was saved
  await expect(shop.locator(".product-card__in-cart:visible")).toHaveCount(0);
});
