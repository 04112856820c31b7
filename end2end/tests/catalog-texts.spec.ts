// The merchant's own texts in the shopper's language (issue #20): Wei, whose Telegram speaks
// Chinese, reads the demo catalog in Chinese in the simulator, finds the mug by its Chinese
// name and by its English one, and his cart names it in Chinese; Ada still reads English.
import { expect, test } from "@playwright/test";
import { openSimulator } from "./support";

test("a Chinese shopper reads the catalog in Chinese and finds products in either language", async ({ page }) => {
  const shop = await openSimulator(page);
  await expect(shop.getByRole("heading", { name: "Blue Glazed Mug" })).toBeVisible();

  // Wei (1002) buys nothing in these tests; the page reloads in his Telegram language.
  await page.getByTestId("sim-user").selectOption({ value: "1002" });
  await expect(shop.getByTestId("greeting")).toHaveText("Wei，您好！");
  await expect(shop.getByRole("heading", { name: "蓝釉马克杯" })).toBeVisible();
  await expect(shop.getByRole("heading", { name: "手工制品" })).toBeVisible();
  await expect(shop.getByRole("heading", { name: "Blue Glazed Mug" })).toHaveCount(0);

  const cards = shop.getByTestId("product-card");
  const search = shop.getByRole("searchbox");
  await search.fill("马克杯");
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("蓝釉马克杯");
  await search.fill("mug");
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("蓝釉马克杯");
  await search.fill("");

  // The product page, reached by navigation: the catalog fetched in the page's language.
  await cards.filter({ hasText: "蓝釉马克杯" }).getByRole("link", { name: "蓝釉马克杯" }).click();
  await expect(shop.getByRole("heading", { name: "蓝釉马克杯" })).toBeVisible();
  await expect(shop.getByText(/拉坯成型的炻器马克杯/)).toBeVisible();
});
