// Digital goods delivered on payment, as a shopper gets them: Ada buys the demo Recipe E-book
// in Stars, the order page offers its file, "Download" asks Telegram to download it
// (`web_app_request_file_download`), the simulator asks her as Telegram does (a popup naming the
// file) and downloads the signed link; the bytes are the e-book's. The bot sent the file to her
// chat too. Declining the popup tells the app the download was cancelled.
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { emptyCart, openSimulator } from "./support";

const EBOOK = "Recipe E-book";

test.beforeEach(async ({ request }) => emptyCart(request));

/** Buys the e-book's "EPUB and PDF" in Stars and waits for the order page to show it paid. */
async function buyEbook(page: Page): Promise<FrameLocator> {
  const shop = await openSimulator(page);
  const mainButton = page.getByTestId("sim-main-button");
  await shop.getByRole("link", { name: `Choose ${EBOOK}` }).click();
  await shop.getByRole("button", { name: `Add ${EBOOK} (EPUB and PDF) to cart` }).click();
  await expect(mainButton).toHaveText("View cart · 1");
  await mainButton.click();
  await expect(shop.getByTestId("cart-lines")).toContainText(EBOOK);
  await expect(mainButton).toHaveText("Checkout · 1 item");
  await mainButton.click();
  await expect(mainButton).toHaveText("Pay ⭐ 250");
  await mainButton.click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeVisible();
  await page.getByTestId("sim-pay").click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeHidden();
  await expect(shop.getByTestId("order-status")).toHaveText("Paid", { timeout: 10_000 });
  return shop;
}

test("a paid e-book is downloaded from its order page through Telegram", async ({ page }) => {
  const shop = await buyEbook(page);
  const deliveries = shop.getByTestId("deliveries");
  await expect(deliveries).toContainText(`${EBOOK} (EPUB and PDF)`);
  await expect(deliveries.getByTestId("delivery-file")).toHaveText("family-recipes.txt");

  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.accept();
  });
  const downloading = page.waitForEvent("download");
  await deliveries.getByTestId("download").click();
  const download = await downloading;
  expect(asked).toContain("family-recipes.txt");
  expect(download.suggestedFilename()).toBe("family-recipes.txt");
  const bytes = await readFile((await download.path())!, "utf8");
  expect(bytes).toMatch(/^FORTY FAMILY RECIPES\n/);
  expect(bytes).toContain("Grandmother's lentil soup");
  await expect(page.getByTestId("sim-events")).toContainText("web_app_request_file_download");
  await expect(page.getByTestId("sim-events")).toContainText('"file_name":"family-recipes.txt"');
  await expect(shop.getByTestId("download-status")).toHaveAttribute("data-status", "downloading");

  // The bot sent the file to her chat as well.
  await expect(page.locator(".chat__document").filter({ hasText: "family-recipes.txt" }).first()).toBeVisible();
});

test("declining Telegram's download popup tells the app it was cancelled", async ({ page }) => {
  const shop = await buyEbook(page);
  page.once("dialog", (dialog) => void dialog.dismiss());
  await shop.getByTestId("deliveries").getByTestId("download").click();
  await expect(shop.getByTestId("download-status")).toHaveAttribute("data-status", "cancelled");
  await expect(shop.getByTestId("download-status")).toHaveText("Download cancelled.");
});
