// A promo code in the checkout summary: a wrong one is explained, a good one shows its discount
// and lowers what the MainButton pays, the payment sheet charges that, and the order keeps it.
import { expect, test } from "@playwright/test";
import { emptyCart, openSimulator, toSummary } from "./support";

test.beforeEach(async ({ request }) => emptyCart(request));

test("a promo code lowers the total paid, and the order page shows the discount", async ({ page }) => {
  const shop = await openSimulator(page);
  const mainButton = page.getByTestId("sim-main-button");
  const summary = await toSummary(page, shop, "Blue Glazed Mug");
  await expect(mainButton).toHaveText("Pay 24,00 €");

  const code = summary.getByLabel("Promo code");
  await code.fill("NOPE");
  await summary.getByRole("button", { name: "Apply" }).click();
  await expect(summary.getByRole("alert")).toHaveText("there is no such promo code");

  await code.fill("welcome10");
  await summary.getByRole("button", { name: "Apply" }).click();
  await expect(summary.getByTestId("summary-discount")).toHaveText("−2,40 €");
  await expect(summary).toContainText("Promo code WELCOME10 applied.");
  await expect(mainButton).toHaveText("Pay 21,60 €");

  await mainButton.click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeVisible();
  await page.getByTestId("sim-shipping-quote").click();
  await page.getByTestId("sim-shipping-options").getByLabel(/Standard parcel/).check();
  await expect(page.getByTestId("sim-sheet-total")).toHaveText("26.50 EUR");
  await page.getByTestId("sim-pay").click();
  await expect(shop.getByTestId("order-status")).toHaveText("Paid", { timeout: 10_000 });
  await expect(shop.getByTestId("order-discount")).toHaveText("−2,40 €");
  await expect(shop.getByTestId("order-total")).toHaveText("26,50 €");
});

test("Stars carts are not offered promo codes", async ({ page }) => {
  const shop = await openSimulator(page);
  await toSummary(page, shop, "Wallpaper Pack");
  await expect(page.getByTestId("sim-main-button")).toHaveText("Pay ⭐ 50");
  await expect(shop.getByLabel("Promo code")).toHaveCount(0);
});
