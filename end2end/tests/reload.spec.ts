// Every page works when it is the first one loaded, as after a reload inside Telegram: the
// pages after the storefront are wasm chunks, so the page must fetch the right chunk and
// hydrate it without a mismatch.
import { expect, test } from "@playwright/test";

for (const path of [
  "/shop",
  "/shop/cart",
  "/shop/products/1",
  "/shop/orders",
  "/shop/orders/1",
  "/shop/services",
  "/shop/services/4",
]) {
  test(`${path} hydrates when loaded directly`, async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(path);
    await expect(page.locator('main[data-hydrated="true"]')).toBeVisible({ timeout: 15_000 });
    // Outside Telegram the shell says so once hydrated: the page is alive.
    await expect(page.getByTestId("outside-telegram")).toBeVisible();
    expect(errors).toEqual([]);
  });
}
