// Products with options: each variant has its own price and stock; a sold-out one can be
// looked at but not added; the cart holds the variant the shopper picked.
import { expect, test } from "@playwright/test";
import { emptyCart, openSimulator } from "./support";

test.beforeEach(async ({ request }) => emptyCart(request));

test("a shopper picks a ticket tier, cannot add the sold-out one, and pays for the one picked", async ({ page }) => {
  const shop = await openSimulator(page);
  const card = shop.getByTestId("product-card").filter({ hasText: "Jazz Night Ticket" });
  await expect(card).toContainText("from 18,00 €");
  await card.getByRole("link", { name: "Choose Jazz Night Ticket" }).click();

  const product = shop.getByTestId("product");
  const options = product.getByTestId("variants");
  await expect(options.getByRole("radio", { name: /Standing/ })).toBeChecked();
  await expect(shop.getByTestId("product-price")).toHaveText("18,00 €");

  await options.getByRole("radio", { name: /VIP table/ }).check();
  await expect(shop.getByTestId("product-stock")).toHaveText("Sold out");
  const addVip = shop.getByRole("button", { name: "Add Jazz Night Ticket (VIP table) to cart" });
  await expect(addVip).toBeDisabled();
  await expect(addVip).toHaveText("Sold out");

  await options.getByRole("radio", { name: /Seated/ }).check();
  await expect(shop.getByTestId("product-price")).toHaveText("28,00 €");
  await shop.getByRole("button", { name: "Add Jazz Night Ticket (Seated) to cart" }).click();
  await expect(page.getByTestId("sim-main-button")).toHaveText("View cart · 1");

  await page.getByTestId("sim-main-button").click();
  const line = shop.getByTestId("cart-line");
  await expect(line).toHaveCount(1);
  await expect(line).toContainText("Jazz Night Ticket (Seated)");
  await expect(line).toContainText("28,00 €");
});
