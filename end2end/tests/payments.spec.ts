// Paying inside the local Telegram simulator, as a shopper does: cart → MainButton → the
// checkout summary → MainButton → Telegram's payment sheet → the order page showing what the server recorded → the receipt in the chat.
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { emptyCart, openSimulator, toSummary } from "./support";

test.beforeEach(async ({ request }) => emptyCart(request));

async function payForCart(page: Page, shop: FrameLocator, product: string, pay: string) {
  const mainButton = page.getByTestId("sim-main-button");
  await toSummary(page, shop, product);
  await expect(mainButton).toHaveText(pay);
  await mainButton.click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeVisible();
}

test("buying digital goods for Stars: the order shows Paid and the receipt arrives", async ({ page }) => {
  const shop = await openSimulator(page);
  await payForCart(page, shop, "Wallpaper Pack", "Pay ⭐ 50");
  await expect(page.getByTestId("sim-sheet-total")).toHaveText("⭐ 50");
  await page.getByTestId("sim-pay").click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeHidden();
  await expect(shop.getByTestId("order-status")).toHaveText("Paid", { timeout: 10_000 });
  await expect(shop.getByTestId("order-total")).toHaveText("⭐ 50");
  await expect(page.getByTestId("sim-chat")).toContainText("is paid: ⭐ 50");
  await expect(page.getByTestId("sim-events")).toContainText("web_app_open_invoice");
  // While the invoice was being made, the MainButton showed its progress and took no taps.
  await expect(page.getByTestId("sim-events")).toContainText('"is_active":false,"is_progress_visible":true');
});

test("a parcel is paid with the tip chosen in the summary and the shipping option chosen in the sheet", async ({ page }) => {
  const shop = await openSimulator(page);
  const mainButton = page.getByTestId("sim-main-button");
  const summary = await toSummary(page, shop, "Blue Glazed Mug");
  await summary.getByTestId("tip").getByRole("radio", { name: "1,00 €" }).check();
  await expect(mainButton).toHaveText("Pay 25,00 €");
  await mainButton.click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeVisible();
  await page.getByTestId("sim-shipping-quote").click();
  await page.getByTestId("sim-shipping-options").getByLabel(/Express parcel/).check();
  // The tip is a line of the invoice now; the sheet offers no second one.
  await expect(page.getByRole("button", { name: "1.00 EUR" })).toHaveCount(0);
  await expect(page.getByTestId("sim-sheet-total")).toHaveText("37.90 EUR");
  await page.getByTestId("sim-pay").click();
  await expect(shop.getByTestId("order-status")).toHaveText("Paid", { timeout: 10_000 });
  await expect(shop.getByTestId("order-total")).toHaveText("37,90 €");
});

test("the shop's refusal shows in the sheet, and a declined card leaves the order unpaid", async ({ page }) => {
  const shop = await openSimulator(page);
  await payForCart(page, shop, "Blue Glazed Mug", "Pay 24,00 €");
  await page.getByTestId("sim-ship-country").selectOption("AU");
  await page.getByTestId("sim-shipping-quote").click();
  await expect(page.getByTestId("sim-sheet-error")).toContainText("do not ship to AU");
  await page.getByTestId("sim-ship-country").selectOption("DE");
  await page.getByTestId("sim-shipping-quote").click();
  await page.getByTestId("sim-pay-fail").click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeHidden();
  await expect(shop.getByTestId("pay-notice")).toContainText("did not go through");
});

test("the summary says what Telegram will ask for, and Back returns to the cart", async ({ page }) => {
  const shop = await openSimulator(page);
  const mainButton = page.getByTestId("sim-main-button");
  const summary = await toSummary(page, shop, "Blue Glazed Mug");
  await expect(summary.getByTestId("summary-asks")).toHaveText("Telegram will ask for your name and a shipping address.");
  await expect(summary).toContainText("from 4,90 €, chosen in Telegram's payment sheet");
  await page.getByTestId("sim-back-button").click();
  await expect(summary).toBeHidden();
  await expect(shop.getByTestId("cart-lines")).toContainText("Blue Glazed Mug");
  await expect(mainButton).toHaveText("Checkout · 1 item");
});
