// A fiat product that also takes Telegram Stars: Camille (1003) gives a digital EUR product's
// variant a Stars price through the admin API; Ada puts it in her cart, and the checkout
// summary offers to pay the Stars total beside the MainButton's card payment; she pays it in
// the simulator's sheet and the order shows it paid in Stars.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminAuthorization, emptyCart, openSimulator, toSummary } from "./support";

const CAMILLE = 1003;

test.beforeEach(async ({ request }) => emptyCart(request));

/** Camille creates a "Habit Tracker" (a new one each run): 5,00 € or ⭐ 120, delivered inside
 * Telegram; its name. */
async function starsPricedProduct(request: APIRequestContext): Promise<string> {
  const headers = { authorization: await adminAuthorization(request, CAMILLE) };
  const run = Date.now() % 1_000_000;
  const name = `Habit Tracker ${run}`;
  const category = await request.post("/api/admin/categories", { headers, data: { name: `Printables ${run}` } });
  expect(category.status()).toBe(201);
  const product = await request.post("/api/admin/products", {
    headers,
    data: {
      category_id: (await category.json()).id, name, currency: "EUR", fulfilment: "digital",
      variants: [{ name: "", price_minor: 500, stock: 20, stars_price: 120 }],
    },
  });
  expect(product.status()).toBe(201);
  expect((await product.json()).variants[0].stars_label).toBe("⭐ 120");
  return name;
}

test("a digital product with a Stars price is paid in Stars from the checkout summary", async ({ page, request }) => {
  const name = await starsPricedProduct(request);
  const shop = await openSimulator(page);
  const summary = await toSummary(page, shop, name);
  await expect(page.getByTestId("sim-main-button")).toHaveText("Pay 5,00 €");
  const stars = summary.getByTestId("pay-in-stars");
  await expect(stars).toHaveText("Pay ⭐ 120 with Telegram Stars");
  await stars.click();
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
