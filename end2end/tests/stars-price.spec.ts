// Digital goods are paid in Telegram Stars only (Telegram's developer terms §6.2): Camille
// (1003) cannot price a digital product in euros through the admin API, so she prices it in
// Stars; Ada puts it in her cart, the checkout summary's MainButton pays the Stars total (no
// card payment), she pays it in the simulator's sheet and the order shows it paid in Stars.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminAuthorization, emptyCart, openSimulator, toSummary } from "./support";

const CAMILLE = 1003;

test.beforeEach(async ({ request }) => emptyCart(request));

/** Camille creates a "Habit Tracker" (a new one each run), delivered inside Telegram: refused
 * at 5,00 €, taken at ⭐ 120; its name. */
async function starsPricedProduct(request: APIRequestContext): Promise<string> {
  const headers = { authorization: await adminAuthorization(request, CAMILLE) };
  const run = Date.now() % 1_000_000;
  const name = `Habit Tracker ${run}`;
  const category = await request.post("/api/admin/categories", { headers, data: { name: `Printables ${run}` } });
  expect(category.status()).toBe(201);
  const category_id = (await category.json()).id;
  const inEuros = await request.post("/api/admin/products", {
    headers,
    data: {
      category_id, name, currency: "EUR", fulfilment: "digital",
      variants: [{ name: "", price_minor: 500, stock: 20, stars_price: 120 }],
    },
  });
  expect(inEuros.status()).toBe(422);
  expect((await inEuros.json()).error.code).toBe("digital_goods_need_stars");
  const product = await request.post("/api/admin/products", {
    headers,
    data: { category_id, name, currency: "XTR", fulfilment: "digital", variants: [{ name: "", price_minor: 120, stock: 20 }] },
  });
  expect(product.status()).toBe(201);
  expect((await product.json()).variants[0].price_label).toBe("⭐ 120");
  return name;
}

test("a digital product is priced and paid in Stars from the checkout summary", async ({ page, request }) => {
  const name = await starsPricedProduct(request);
  const shop = await openSimulator(page);
  const summary = await toSummary(page, shop, name);
  await expect(page.getByTestId("sim-main-button")).toHaveText("Pay ⭐ 120");
  await expect(summary.getByTestId("pay-in-stars")).toHaveCount(0);
  await page.getByTestId("sim-main-button").click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeVisible();
  await expect(page.getByTestId("sim-sheet-total")).toHaveText("⭐ 120");
  await page.getByTestId("sim-pay").click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeHidden();
  await expect(shop.getByTestId("order-status")).toHaveText("Paid", { timeout: 10_000 });
  await expect(shop.getByTestId("order-total")).toHaveText("⭐ 120");
});

test("a parcel offers no Stars payment", async ({ page }) => {
  const shop = await openSimulator(page);
  const summary = await toSummary(page, shop, "Blue Glazed Mug");
  await expect(summary).toContainText("1 × Blue Glazed Mug");
  await expect(summary.getByTestId("pay-in-stars")).toHaveCount(0);
});
