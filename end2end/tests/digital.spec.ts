// Digital goods delivered on payment, as a shopper gets them: Ada buys the demo Recipe E-book
// in Stars, the order page offers its file, "Download" asks Telegram to download it
// (`web_app_request_file_download`), the simulator asks her as Telegram does (a popup naming the
// file) and downloads the signed link; the bytes are the e-book's. The bot sent the file to her
// chat too. Declining the popup tells the app the download was cancelled. Camille (1003)
// stocks licence keys on her product's admin page; Ada copies hers from the order page; once
// refunded, the order page has nothing left to give and says so.
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { ADA, adminAuthorization, app, emptyCart, initData, openSimulator } from "./support";

const CAMILLE = 1003;

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

/** Camille's new digital product (a new one each run) with one variant and no keys yet. */
async function keyProduct(request: APIRequestContext, run: number): Promise<{ id: number; variant: number }> {
  const headers = { authorization: await adminAuthorization(request, CAMILLE) };
  const category = await request.post("/api/admin/categories", { headers, data: { name: `Licences ${run}` } });
  expect(category.status()).toBe(201);
  const product = await request.post("/api/admin/products", {
    headers,
    data: {
      category_id: (await category.json()).id, name: `Pattern Licence ${run}`, currency: "XTR", fulfilment: "digital",
      variants: [{ name: "", price_minor: 30, stock: 0 }],
    },
  });
  expect(product.status(), await product.text()).toBe(201);
  const made = await product.json();
  return { id: made.id, variant: made.variants[0].id };
}

test("licence keys stocked in the admin page are copied by the buyer and revoked by a refund", async ({ page, context, request }) => {
  const run = Date.now() % 1_000_000;
  const { id, variant } = await keyProduct(request, run);

  // Camille pastes three lines, one a repeat, in the product's Delivery card (in Telegram her
  // admin page is in her Telegram language, French).
  const admin = await openSimulator(page, `/?user=${CAMILLE}&path=/admin/products/${id}`);
  const card = admin.getByTestId("delivery");
  await expect(card).toContainText("Ne livre encore rien", { timeout: 15_000 });
  await card.getByLabel("Clés de licence, une par ligne").fill(`KEY-A-${run}\nKEY-B-${run}\nKEY-A-${run}`);
  await card.getByRole("button", { name: "Ajouter les clés" }).click();
  await expect(card.getByTestId("keys-added")).toHaveText("2 clés ajoutées ; 1 doublons ignorés.");
  await expect(card.getByTestId("delivers")).toContainText("2 libres");

  // Ada buys one (paid through the simulator's Bot API) and opens her order.
  const auth = { authorization: `tma ${await initData(request, ADA)}` };
  const checkout = await request.post("/api/checkout", { headers: auth, data: { lines: [{ variant_id: variant, quantity: 1 }] } });
  expect(checkout.status(), await checkout.text()).toBe(200);
  const answer = await checkout.json();
  const slug = String(answer.invoice_link).replace("https://t.me/$", "");
  const paid = await request.post(`/simulator/telegram/invoices/${slug}/pay`, { data: { user_id: ADA } });
  expect((await paid.json()).status).toBe("paid");

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const shop = await openSimulator(page, `/?user=${ADA}&path=/shop/orders/${answer.order_id}`);
  const key = shop.getByTestId("delivery-key");
  await expect(key).toHaveText(new RegExp(`^KEY-[AB]-${run}$`), { timeout: 10_000 });
  const given = (await key.textContent()) ?? "";
  await shop.getByTestId("copy-key").click();
  await expect(shop.getByTestId("copy-key")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(given);

  // Refunded: the key is revoked, on the merchant's screen and on the order page.
  const headers = { authorization: await adminAuthorization(request, CAMILLE) };
  const refund = await request.post(`/api/admin/orders/${answer.order_id}/refund`, { headers });
  expect(refund.status(), await refund.text()).toBeLessThan(300);
  await openSimulator(page, `/?user=${ADA}&path=/shop/orders/${answer.order_id}`);
  await expect(shop.getByTestId("order-status")).toHaveAttribute("data-status", "refunded", { timeout: 20_000 });
  await expect(shop.getByTestId("delivery-refunded")).toHaveText("This order was refunded: its downloads and keys no longer work.");
  await expect(shop.getByTestId("delivery-key")).toHaveCount(0);

  await openSimulator(page, `/?user=${CAMILLE}&path=/admin/products/${id}`);
  const row = app(page).getByTestId("given-keys").getByRole("row").filter({ hasText: given });
  await expect(row).toContainText(`#${answer.order_id}`, { timeout: 15_000 });
  await expect(row).toContainText("remboursé");
});
