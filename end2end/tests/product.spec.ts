// A product's own page, reached from the catalog and by deep link (startapp=p_<id>).
import { expect, test, type Page } from "@playwright/test";
import { app, emptyCart, openSimulator } from "./support";

test.beforeEach(async ({ request }) => emptyCart(request));

async function productId(page: Page, slug: string): Promise<number> {
  const catalog = await (await page.request.get("/api/products")).json();
  return catalog.products.find((p: { slug: string }) => p.slug === slug).id;
}

test("a deep link opens its product, and Back leads to the storefront", async ({ page }) => {
  const id = await productId(page, "olive-bowl");
  await page.goto(`/?startapp=p_${id}`);
  const shop = app(page);
  await expect(shop.locator('main[data-hydrated="true"]')).toBeVisible({ timeout: 15_000 });
  const product = shop.getByTestId("product");
  await expect(product).toBeVisible();
  await expect(product.getByRole("heading", { name: "Olive Wood Bowl" })).toBeVisible();
  await expect(shop.getByTestId("product-price")).toHaveText("38,50 €");
  await expect(shop.getByTestId("product-stock")).toHaveText(/^(Only \d left|In stock)$/);

  await shop.getByRole("button", { name: "Add Olive Wood Bowl to cart" }).click();
  await expect(page.getByTestId("sim-main-button")).toHaveText("View cart · 1");

  const back = page.getByTestId("sim-back-button");
  await expect(back).toBeVisible();
  await back.click();
  await expect(shop.getByRole("heading", { name: "Handmade" })).toBeVisible();
  await expect(shop.getByTestId("product")).toHaveCount(0);
  // The deep link is followed once, not again on coming back.
  await expect(back).toBeHidden();
  await expect(page.getByTestId("sim-main-button")).toHaveText("View cart · 1");
});

test("a product's name in the catalog opens its page", async ({ page }) => {
  await page.goto("/");
  const shop = app(page);
  await expect(shop.locator('main[data-hydrated="true"]')).toBeVisible({ timeout: 15_000 });
  await shop.getByRole("link", { name: "Hand-Woven Linen Scarf" }).click();
  await expect(shop.getByTestId("product").getByRole("heading", { name: "Hand-Woven Linen Scarf" })).toBeVisible();
  await expect(shop.getByTestId("product")).toContainText("linen");
});

test("a link to a product that does not exist says so", async ({ page }) => {
  await page.goto("/shop/products/999999");
  await expect(page.getByRole("alert")).toHaveText("This product is not in the shop (any more).");
});

test("Share sends the product's deep link to a chat, and the link opens the product", async ({ page }) => {
  const shop = await openSimulator(page);
  await shop.getByRole("link", { name: "Olive Wood Bowl" }).click();
  await shop.getByRole("button", { name: "Share" }).click();
  const link = page.getByTestId("sim-shared-link");
  await expect(link).toHaveText(/^https:\/\/t\.me\/sandbox_shop_bot\?startapp=p_\d+$/);
  await expect(page.getByTestId("sim-shared")).toContainText("Olive Wood Bowl");

  // The friend it was sent to taps the link: the Mini App opens on the product.
  await link.click();
  const reopened = app(page);
  await expect(reopened.getByTestId("product").getByRole("heading", { name: "Olive Wood Bowl" })).toBeVisible();
});
