// A tip chosen in the checkout summary: the MainButton and Telegram's payment sheet charge it,
// the sheet offers no second tip, and the order's receipt shows it.
import { expect, test } from "@playwright/test";
import { emptyCart, openSimulator, toSummary } from "./support";

test.beforeEach(async ({ request }) => emptyCart(request));

test("a shopper adds a tip in the summary and pays it", async ({ page }) => {
  const shop = await openSimulator(page);
  const mainButton = page.getByTestId("sim-main-button");
  const summary = await toSummary(page, shop, "Pottery Workshop Seat");
  await expect(mainButton).toHaveText("Pay 55,00 €");

  const tips = summary.getByTestId("tip");
  await expect(tips.getByRole("radio", { name: "No tip" })).toBeChecked();
  await tips.getByRole("radio", { name: "2,00 €" }).check();
  await expect(summary.getByTestId("summary-tip")).toHaveText("2,00 €");
  await expect(mainButton).toHaveText("Pay 57,00 €");

  await mainButton.click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeVisible();
  await expect(page.getByTestId("sim-sheet-total")).toHaveText("57.00 EUR");
  await page.getByTestId("sim-pay").click();
  await expect(shop.getByTestId("order-status")).toHaveText("Paid", { timeout: 10_000 });
  await expect(shop.getByTestId("order-total")).toHaveText("57,00 €");
  await expect(shop.getByTestId("order")).toContainText("Tip");
});

test("a Stars cart is offered no tip", async ({ page }) => {
  const shop = await openSimulator(page);
  const summary = await toSummary(page, shop, "Wallpaper Pack");
  await expect(summary.getByTestId("tip")).toHaveCount(0);
});
