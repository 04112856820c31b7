// Finding products on the storefront: the search box filters as the shopper types, category
// chips narrow the catalog, and the URL keeps both so a reload shows the same products.
import { expect, test, type Page } from "@playwright/test";

async function openHydrated(page: Page, path = "/shop"): Promise<void> {
  await page.goto(path);
  await expect(page.locator('main[data-hydrated="true"]')).toBeVisible({ timeout: 15_000 });
}

const cards = (page: Page) => page.getByTestId("product-card");

test("typing a search shows only the products that match, and the URL keeps it", async ({ page }) => {
  await openHydrated(page);
  const all = await cards(page).count();
  await page.getByRole("searchbox", { name: "Search products" }).fill("mug");
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toContainText("Blue Glazed Mug");
  await expect(page.getByTestId("result-count")).toHaveText("1 product");
  await expect(page).toHaveURL(/\/shop\?q=mug$/);

  await page.reload();
  await expect(cards(page)).toHaveCount(1);
  await expect(page.getByRole("searchbox", { name: "Search products" })).toHaveValue("mug");

  await page.getByRole("searchbox", { name: "Search products" }).fill("");
  await expect(cards(page)).toHaveCount(all);
});

test("a category chip narrows the catalog to that category", async ({ page }) => {
  await openHydrated(page);
  await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Event tickets" }).click();
  await expect(page).toHaveURL(/category=tickets/);
  await expect(page.getByRole("heading", { name: "Event tickets" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Blue Glazed Mug" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Event tickets" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "All", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Blue Glazed Mug" })).toBeVisible();
});

test("a search that finds nothing says so, server-rendered too", async ({ page }) => {
  await page.goto("/shop?q=submarine");
  await expect(page.getByTestId("no-results")).toContainText("Nothing matches “submarine”");
  await expect(cards(page)).toHaveCount(0);
});
