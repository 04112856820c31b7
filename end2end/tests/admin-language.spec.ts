// The admin page in the merchant's language (issue #20): a Chinese merchant who signs in on a
// computer whose browser speaks Chinese reads the whole frame and its pages in Chinese; an Arabic
// one reads it right to left; inside Telegram the page follows the Telegram language (Camille,
// who runs the shop in sandbox mode, is French). The texts come from the server as one
// content-hashed file per language (app/locales/admin/), cached for good.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminAuthorization, adminOnComputer, app, buyWallpapers, emptyCart, openSimulator } from "./support";

const CAMILLE = 1003;

test("a Chinese merchant reads the admin page in Chinese", async ({ browser, page }) => {
  const desktop = await adminOnComputer(browser, page, CAMILLE, { locale: "zh-CN" });
  const admin = desktop.getByTestId("admin");
  await expect(desktop.getByRole("heading", { name: "概览", level: 1 })).toBeVisible({ timeout: 15_000 });
  await expect(admin).toHaveAttribute("lang", "zh");
  await expect(admin).toHaveAttribute("dir", "ltr");
  await expect(desktop.getByTestId("admin-user")).toHaveText(`管理员 ${CAMILLE}（登录链接）`);
  await expect(desktop.getByRole("heading", { name: "收入，最近 30 天" })).toBeVisible();
  await expect(desktop.getByRole("heading", { name: "热销商品" })).toBeVisible();
  await expect(desktop.getByRole("button", { name: "退出登录" })).toBeVisible();

  const nav = desktop.getByRole("navigation");
  for (const name of ["概览", "订单", "商品", "活动", "沙龙", "订阅", "设置"]) {
    await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  }
  await expect(nav).not.toContainText("Orders");

  await nav.getByRole("link", { name: "订单", exact: true }).click();
  await expect(desktop.getByRole("button", { name: "筛选" })).toBeVisible();
  await nav.getByRole("link", { name: "商品", exact: true }).click();
  await expect(desktop.getByRole("link", { name: "新商品" })).toBeVisible();
  await nav.getByRole("link", { name: "设置", exact: true }).click();
  await expect(desktop.getByRole("button", { name: "保存商店" })).toBeVisible();
  await expect(desktop.getByLabel("商店名称")).toBeVisible();
});

test("an Arabic merchant reads the admin page right to left", async ({ browser, page }) => {
  const desktop = await adminOnComputer(browser, page, CAMILLE, { locale: "ar" });
  const admin = desktop.getByTestId("admin");
  await expect(desktop.getByRole("heading", { name: "لوحة المعلومات", level: 1 })).toBeVisible({ timeout: 15_000 });
  await expect(admin).toHaveAttribute("dir", "rtl");
  await expect(admin).toHaveAttribute("lang", "ar");
  await expect(desktop.getByRole("navigation").getByRole("link", { name: "الإعدادات" })).toBeVisible();
});

test("inside Telegram the admin page follows the merchant's Telegram language", async ({ page }) => {
  await openSimulator(page, `/?user=${CAMILLE}&path=/admin`);
  const admin = app(page);
  await expect(admin.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible({ timeout: 15_000 });
  await expect(admin.getByTestId("admin")).toHaveAttribute("lang", "fr");
  await expect(admin.getByTestId("admin-user")).toHaveText(`Administrateur ${CAMILLE} (Telegram)`);
});

/** The merchant's language in the shop's settings (`null`: each admin's Telegram language). */
async function merchantLanguage(request: APIRequestContext): Promise<string | null> {
  const headers = { authorization: await adminAuthorization(request, CAMILLE) };
  const settings = await (await request.get("/api/admin/settings", { headers })).json();
  return settings.shop.language ?? null;
}

/** Sets the merchant's language back to `language` through the API, the shop's other settings
 * as they are: the safety net should the test stop before the merchant restores it. */
async function restoreMerchantLanguage(request: APIRequestContext, language: string | null): Promise<void> {
  const headers = { authorization: await adminAuthorization(request, CAMILLE) };
  const { shop } = await (await request.get("/api/admin/settings", { headers })).json();
  if ((shop.language ?? null) === language) return;
  const body = { name: shop.name, currency: shop.currency, time_zone: shop.time_zone, language };
  expect((await request.put("/api/admin/settings/shop", { headers, data: body })).status()).toBe(200);
}

// The bot's notes to the merchant follow the settings' Language card: Camille, whose Telegram
// speaks French, picks Chinese on the admin page; the page reloads in Chinese, and when Ada
// buys the wallpapers the bot tells Camille of the sale in Chinese. She then sets the language
// back (the other specs read her notes and pages in French); the spec run is serial
// (workers: 1), so no other spec sees the shop in Chinese meanwhile.
test("a merchant who picks Chinese in the settings reads the bot's sale note in Chinese", async ({ browser, page, request }) => {
  test.setTimeout(90_000);
  const kept = await merchantLanguage(request);
  try {
    const desktop = await adminOnComputer(browser, page, CAMILLE);
    await desktop.getByRole("link", { name: "Settings", exact: true }).click();
    const language = desktop.getByTestId("language-settings");
    await expect(language.getByTestId("admin-language")).toHaveValue(kept ?? "");
    await language.getByTestId("admin-language").selectOption("zh");
    await language.getByRole("button", { name: "Save language" }).click();
    // Saved, the page loads again in the language chosen.
    await expect(desktop.getByTestId("admin")).toHaveAttribute("lang", "zh", { timeout: 15_000 });
    await expect(desktop.getByRole("button", { name: "保存语言" })).toBeVisible();
    await expect(language.getByTestId("admin-language")).toHaveValue("zh");

    // Ada buys the wallpapers for Stars.
    await emptyCart(request);
    const shop = await openSimulator(page);
    const number = /#(\d+)/.exec(await buyWallpapers(page, shop))?.[1];
    expect(number).toBeTruthy();

    // Camille's chat with the bot: the sale note, in Chinese (app/locales/zh.json bot_m_sale).
    await page.getByTestId("sim-user").selectOption(String(CAMILLE));
    const note = page.getByTestId("sim-chat").locator("li").filter({ hasText: `订单 #${number} 已付款` });
    await expect(note).toHaveCount(1, { timeout: 10_000 });
    await expect(note).toContainText(`有新订单：订单 #${number} 已付款，`);
    await expect(note).not.toContainText("Nouvelle vente");

    // Camille sets the language back as it was, on the page now in Chinese.
    await language.getByTestId("admin-language").selectOption(kept ?? "");
    await language.getByRole("button", { name: "保存语言" }).click();
    await expect(desktop.getByTestId("admin")).toHaveAttribute("lang", kept ?? "en", { timeout: 15_000 });
    await expect(language.getByTestId("admin-language")).toHaveValue(kept ?? "");
    expect(await merchantLanguage(request)).toBe(kept);
  } finally {
    await restoreMerchantLanguage(request, kept);
  }
});
