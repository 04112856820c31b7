// The admin page in the merchant's language (issue #20): a Chinese merchant who signs in on a
// computer whose browser speaks Chinese reads the whole frame and its pages in Chinese; an Arabic
// one reads it right to left; inside Telegram the page follows the Telegram language (Camille,
// who runs the shop in sandbox mode, is French). The texts come from the server as one
// content-hashed file per language (app/locales/admin/), cached for good.
import { expect, test } from "@playwright/test";
import { adminOnComputer, app, openSimulator } from "./support";

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
