// Products with options: each variant has its own price and stock; a sold-out one can be
// looked at but not added; the cart holds the variant the shopper picked. The product is
// Camille's (1003) own, made through the admin API for the run (the demo's tiered product,
// the jazz night, is an event: its tickets are chosen on the event's page).
import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminAuthorization, emptyCart, openSimulator } from "./support";

const CAMILLE = 1003;

test.beforeEach(async ({ request }) => emptyCart(request));

/** A "Glazed Vase" in three glazes, Moss sold out (a new one each run); its name. */
async function vaseInThreeGlazes(request: APIRequestContext): Promise<string> {
  const headers = { authorization: await adminAuthorization(request, CAMILLE) };
  const run = Date.now() % 1_000_000;
  const name = `Glazed Vase ${run}`;
  const category = await request.post("/api/admin/categories", { headers, data: { name: `Vases ${run}` } });
  expect(category.status()).toBe(201);
  const product = await request.post("/api/admin/products", {
    headers,
    data: {
      category_id: (await category.json()).id, name, currency: "EUR", fulfilment: "parcel",
      variants: [
        { name: "Sand", price_minor: 3200, stock: 5 },
        { name: "Moss", price_minor: 3400, stock: 0 },
        { name: "Ink", price_minor: 3600, stock: 3 },
      ],
    },
  });
  expect(product.status(), await product.text()).toBe(201);
  return name;
}

test("a shopper picks a glaze, cannot add the sold-out one, and the cart holds the one picked", async ({ page, request }) => {
  const name = await vaseInThreeGlazes(request);
  const shop = await openSimulator(page);
  const card = shop.getByTestId("product-card").filter({ hasText: name });
  await expect(card).toContainText("from 32,00 €");
  await card.getByRole("link", { name: `Choose ${name}` }).click();

  const product = shop.getByTestId("product");
  const options = product.getByTestId("variants");
  await expect(options.getByRole("radio", { name: /Sand/ })).toBeChecked();
  await expect(shop.getByTestId("product-price")).toHaveText("32,00 €");

  await options.getByRole("radio", { name: /Moss/ }).check();
  await expect(shop.getByTestId("product-stock")).toHaveText("Sold out");
  const addMoss = shop.getByRole("button", { name: `Add ${name} (Moss) to cart` });
  await expect(addMoss).toBeDisabled();
  await expect(addMoss).toHaveText("Sold out");

  await options.getByRole("radio", { name: /Ink/ }).check();
  await expect(shop.getByTestId("product-price")).toHaveText("36,00 €");
  await shop.getByRole("button", { name: `Add ${name} (Ink) to cart` }).click();
  await expect(page.getByTestId("sim-main-button")).toHaveText("View cart · 1");

  await page.getByTestId("sim-main-button").click();
  const line = shop.getByTestId("cart-line");
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(`${name} (Ink)`);
  await expect(line).toContainText("36,00 €");
});
