// The storefront as a shopper sees it: seeded products, hydration, and the cart badge.
import { expect, test, type Page } from "@playwright/test";

async function openHydrated(page: Page): Promise<void> {
  await page.goto("/shop");
  // A tap before the wasm has hydrated would be lost; wait for the app's own marker.
  await expect(page.locator('main[data-hydrated="true"]')).toBeVisible({ timeout: 15_000 });
}

test("the seeded catalog is on the first page", async ({ page }) => {
  await page.goto("/shop");
  const cards = page.locator('[data-testid="product-card"]');
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThanOrEqual(8);
  await expect(page.getByRole("heading", { name: "Blue Glazed Mug" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Wallpaper Pack" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Event tickets" })).toBeVisible();
});

test("tapping Add changes the cart badge without a reload", async ({ page }) => {
  await openHydrated(page);
  const badge = page.getByTestId("cart-badge");
  await expect(badge).toHaveAttribute("data-count", "0");

  let navigations = 0;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  // A marker on window survives only if the page is never reloaded.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  await page.getByRole("button", { name: "Add Blue Glazed Mug to cart" }).click();
  await expect(badge).toHaveAttribute("data-count", "1");
  await expect(badge).toHaveText("1");
  await page.getByRole("button", { name: "Add Wallpaper Pack to cart" }).click();
  await page.getByRole("button", { name: "Add Blue Glazed Mug to cart" }).click();
  await expect(badge).toHaveText("3");
  await expect(page.getByTestId("product-card").filter({ hasText: "Blue Glazed Mug" })).toContainText("2 in cart");

  expect(navigations).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
});

test("the cart never takes more than the stock shown", async ({ page }) => {
  await openHydrated(page);
  const bowl = page.getByTestId("product-card").filter({ hasText: "Olive Wood Bowl" });
  const add = page.getByRole("button", { name: "Add Olive Wood Bowl to cart" });
  for (let i = 0; i < 4; i++) await add.click(); // the demo has 4 bowls
  await expect(bowl).toContainText("4 in cart");
  await add.click();
  await expect(bowl.getByRole("alert")).toHaveText("no more of this product is in stock");
  await expect(page.getByTestId("cart-badge")).toHaveText("4");
});

test("on a phone the page fits the width and every photo is described and sized", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await openHydrated(page);
  const overflow = await page.evaluate(() => {
    const root = document.scrollingElement!;
    return root.scrollWidth - root.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  const photos = page.locator('[data-testid="product-card"] img');
  expect(await photos.count()).toBeGreaterThanOrEqual(8);
  for (const photo of await photos.all()) {
    expect(await photo.getAttribute("alt")).toBeTruthy();
    expect(Number(await photo.getAttribute("width"))).toBeGreaterThan(0);
    expect(Number(await photo.getAttribute("height"))).toBeGreaterThan(0);
  }
  // The first photo really loads (public/ is served).
  const first = photos.first();
  await first.scrollIntoViewIfNeeded();
  await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
});

test("opened outside Telegram, the page says to open it from Telegram", async ({ page }) => {
  await openHydrated(page);
  await expect(page.getByTestId("outside-telegram")).toContainText("Open it from the shop's bot");
  await expect(page.getByTestId("greeting")).toHaveCount(0);
});
