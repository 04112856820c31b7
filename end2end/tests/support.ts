// Shared steps of the end-to-end tests: opening the local Telegram simulator, and starting a
// test user with an empty cart (carts are kept on the server per user, across tests).
import { expect, type APIRequestContext, type Browser, type FrameLocator, type Locator, type Page } from "@playwright/test";

export const ADA = 1001;

/** The Mini App's frame inside the simulator. */
export function app(page: Page): FrameLocator {
  return page.frameLocator('[data-testid="sim-app"]');
}

/** Opens the simulator (at `path`, e.g. with a start parameter) and waits for hydration. */
export async function openSimulator(page: Page, path = "/"): Promise<FrameLocator> {
  await page.goto(path);
  const shop = app(page);
  await expect(shop.locator('main[data-hydrated="true"]')).toBeVisible({ timeout: 15_000 });
  return shop;
}

/** Adds one `product` from the storefront and goes through the cart to the checkout summary. */
export async function toSummary(page: Page, shop: FrameLocator, product: string): Promise<Locator> {
  const mainButton = page.getByTestId("sim-main-button");
  await shop.getByRole("button", { name: `Add ${product} to cart` }).click();
  await mainButton.click();
  await expect(shop.getByTestId("cart-lines")).toContainText(product);
  await expect(mainButton).toHaveText("Checkout · 1 item");
  await mainButton.click();
  const summary = shop.getByTestId("checkout-summary");
  await expect(summary).toContainText(`1 × ${product}`);
  return summary;
}

/** Ada buys the Wallpaper Pack for Stars in the open Mini App (cart, checkout, the sheet); the
 * paid order page's title ("Order #12"). */
export async function buyWallpapers(page: Page, shop: FrameLocator): Promise<string> {
  const mainButton = page.getByTestId("sim-main-button");
  await shop.getByRole("button", { name: "Add Wallpaper Pack to cart" }).click();
  await mainButton.click();
  await expect(mainButton).toHaveText("Checkout · 1 item");
  await mainButton.click();
  await expect(mainButton).toHaveText("Pay ⭐ 50");
  await mainButton.click();
  await page.getByTestId("sim-pay").click();
  await expect(shop.getByTestId("order-status")).toHaveText("Paid", { timeout: 10_000 });
  return (await shop.locator(".order__title").textContent()) ?? "";
}

/** `payer` pays the shared `invoice` in a simulator chat through the sheet, with the Standard
 * shipping quote, and the invoice shows it paid. */
export async function payShared(page: Page, invoice: Locator, payer: number): Promise<void> {
  const sheet = page.getByTestId("sim-payment-sheet");
  await invoice.getByTestId("sim-invoice-payer").selectOption(String(payer));
  await invoice.getByTestId("sim-invoice-pay").click();
  await expect(sheet).toBeVisible();
  await sheet.getByTestId("sim-shipping-quote").click();
  await expect(sheet.getByTestId("sim-shipping-options")).toContainText("Standard");
  await sheet.getByTestId("sim-pay").click();
  await expect(sheet).toBeHidden({ timeout: 10_000 });
  await expect(invoice.getByTestId("sim-invoice-status").last()).toHaveText("paid");
}

/** Signed initData for a test user, from the simulator's launch endpoint. */
export async function initData(request: APIRequestContext, user = ADA): Promise<string> {
  const launch = await (await request.get(`/simulator/launch?user=${user}`)).json();
  const fragment = new URLSearchParams(launch.url.split("#")[1]);
  return fragment.get("tgWebAppData") ?? "";
}

/** The admin API's `Authorization` for `user`: a session opened with fresh initData, as the
 * admin Mini App opens it (`POST /api/admin/session`); initData itself opens nothing else. */
export async function adminAuthorization(request: APIRequestContext, user: number): Promise<string> {
  const opened = await request.post("/api/admin/session", {
    headers: { authorization: `tma ${await initData(request, user)}` },
  });
  expect(opened.status()).toBe(200);
  return `Bearer ${(await opened.json()).token}`;
}

/** Sets the shop's clock to Paris, where the demo salon works (a new shop's clock is UTC until
 * the merchant sets it), as Camille (1003); the shop's other settings stay as they are. */
export async function salonInParis(request: APIRequestContext): Promise<void> {
  const headers = { authorization: await adminAuthorization(request, 1003) };
  const settings = await (await request.get("/api/admin/settings", { headers })).json();
  const shop = { name: settings.shop.name, currency: settings.shop.currency, time_zone: "Europe/Paris" };
  expect((await request.put("/api/admin/settings/shop", { headers, data: shop })).status()).toBe(200);
}

/** `YYYY-MM-DD` of the first Tuesday at least two days from now (clear of the salon's notice),
 * `weeksLater` weeks on. */
export function nextTuesday(weeksLater = 0): string {
  const now = new Date();
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  let ahead = (2 - day.getUTCDay() + 7) % 7;
  if (ahead < 2) ahead += 7;
  day.setUTCDate(day.getUTCDate() + ahead + 7 * weeksLater);
  return day.toISOString().slice(0, 10);
}

/** Empties the user's saved cart, so a test starts as a first visit would. */
export async function emptyCart(request: APIRequestContext, user = ADA): Promise<void> {
  const response = await request.put("/api/cart", {
    headers: { authorization: `tma ${await initData(request, user)}` },
    data: { lines: [] },
  });
  expect(response.status()).toBe(200);
}

/** The merchant's computer: its clock (`timezoneId`, e.g. `America/New_York`) and its
 * browser's language (`locale`, e.g. `zh-CN`); Playwright's defaults when not given. */
export interface Computer {
  timezoneId?: string;
  locale?: string;
}

/** `user`'s one-time sign-in link from the bot's /admin (sent in the simulator on `page`),
 * opened in a desktop browser of its own set up as `computer` says, signed in and hydrated
 * on /admin. */
export async function adminOnComputer(browser: Browser, page: Page, user: number, computer: Computer = {}): Promise<Page> {
  await openSimulator(page, `/?user=${user}`);
  // By its address: the bot's button text is in the merchant's language (Camille reads French).
  const links = page.getByTestId("sim-chat").locator('a[href*="/admin/login?token="]');
  const before = await links.count();
  const input = page.getByTestId("sim-chat-input");
  await input.fill("/admin");
  await input.press("Enter");
  await expect(links).toHaveCount(before + 1, { timeout: 10_000 });
  const link = (await links.last().getAttribute("href")) ?? "";
  const { timezoneId, locale } = computer;
  const desktop = await (await browser.newContext({
    ...(timezoneId ? { timezoneId } : {}),
    ...(locale ? { locale } : {}),
  })).newPage();
  await desktop.goto(link);
  // By its type: the sign-in page speaks the browser's language.
  await desktop.locator('button[type="submit"]').click();
  await expect(desktop).toHaveURL(/\/admin$/);
  await expect(desktop.locator('main[data-hydrated="true"]')).toBeVisible({ timeout: 15_000 });
  return desktop;
}
