// Stars subscriptions as a shopper, Telegram and the merchant play them in the simulator: Ada
// subscribes to the demo's Makers' Club in Stars on its page, lands on My subscriptions, asks to
// join the private channel with the bot's link (approved), lets a month pass in Telegram
// (renewed), cancels renewal (still active until the month paid ends) and re-enables it; the
// merchant sees her among the subscribers and cancels her renewal.
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { adminOnComputer, emptyCart, openSimulator } from "./support";

test.beforeEach(async ({ request }) => emptyCart(request));

/** From the storefront to the Makers' Club page, subscribed and paid in the simulator's sheet. */
async function subscribe(page: Page, shop: FrameLocator): Promise<void> {
  await shop.getByRole("link", { name: "Choose Makers' Club" }).click();
  await expect(shop.getByTestId("product-price")).toContainText("150");
  // Paid alone and monthly: no Add to cart here.
  await expect(shop.getByRole("button", { name: /Add/ })).toHaveCount(0);
  await shop.getByTestId("subscribe").click();
  const sheet = page.getByTestId("sim-payment-sheet");
  await expect(sheet).toBeVisible();
  await expect(page.getByTestId("sim-sheet-total")).toContainText("150");
  await page.getByTestId("sim-pay").click();
}

test("a shopper subscribes in Stars, joins the channel, sees the renewal and cancels it", async ({ page }) => {
  const shop = await openSimulator(page);
  const chats = page.getByTestId("sim-subscriptions").getByTestId("sim-subscription");
  await subscribe(page, shop);

  // Paid: My subscriptions, with the new one first, renewing a month on.
  await expect(shop.getByRole("heading", { name: "My subscriptions" })).toBeVisible({ timeout: 10_000 });
  const row = shop.getByTestId("subscription").first();
  await expect(row).toContainText("Makers' Club");
  await expect(row).toContainText("150 ⭐ a month");
  await expect(row.getByTestId("subscription-status")).toHaveText(/^Renews on \w+ \d{1,2}, \d{4}$/, { timeout: 10_000 });
  const firstUntil = await row.getByTestId("subscription-status").textContent();

  // The bot's join link: tapping it asks to join the private channel; the bot lets her in.
  await page.getByTestId("sim-chat").getByRole("link", { name: "Join Makers' Club" }).last().click();
  const club = page.getByTestId("sim-rooms").getByTestId("sim-room").filter({ hasText: "Makers' Club" });
  await expect(club.getByTestId("sim-room-members")).toContainText("1001", { timeout: 10_000 });
  await expect(club.getByTestId("sim-room-answers")).toContainText("user 1001: join request approved");

  // A month passes in Telegram: the renewal is charged and the page shows the new date.
  // (Telegram's list for Ada, oldest first: this one is the last.)
  const held = chats.last();
  await expect(held).toContainText("1 charge", { timeout: 10_000 });
  await held.getByTestId("sim-sub-renew").click();
  await expect(page.getByTestId("sim-subs-note")).toContainText("Renewed");
  await expect(held).toContainText("2 charges");
  await page.getByTestId("sim-menu-button").click();
  await page.getByTestId("sim-menu-reload").click();
  await expect(shop.locator('main[data-hydrated="true"]')).toBeVisible({ timeout: 15_000 });
  await shop.getByRole("link", { name: "Orders", exact: true }).click();
  await shop.getByTestId("subscriptions-link").click();
  const renewed = shop.getByTestId("subscription").first();
  await expect(renewed.getByTestId("subscription-status")).toHaveText(/^Renews on /);
  await expect(renewed.getByTestId("subscription-status")).not.toHaveText(firstUntil ?? "");

  // Cancel renewal: still active until the month paid ends; Telegram holds it cancelled.
  await renewed.getByRole("button", { name: "Cancel renewal" }).click();
  await expect(renewed.getByTestId("subscription-status")).toHaveText(/^Cancelled — active until \w+ \d{1,2}, \d{4}$/);
  await expect(held).toContainText("renewal cancelled");
  await expect(held.getByTestId("sim-sub-reenable")).toBeVisible();

  // Renew: it renews again.
  await renewed.getByRole("button", { name: "Renew" }).click();
  await expect(renewed.getByTestId("subscription-status")).toHaveText(/^Renews on /);
  await expect(held).toContainText("renews,");
});

test("the merchant sees the subscribers and cancels one's renewal", async ({ page, browser }) => {
  const shop = await openSimulator(page);
  await subscribe(page, shop);
  await expect(shop.getByTestId("subscription").first().getByTestId("subscription-status")).toHaveText(/^Renews on /, {
    timeout: 10_000,
  });

  const desktop = await adminOnComputer(browser, page, 1003);
  await desktop.getByRole("link", { name: "Subscriptions" }).click();
  await expect(desktop).toHaveURL(/\/admin\/subscriptions$/);
  const row = desktop.getByTestId("admin-subscription").first();
  await expect(row).toContainText("1001");
  await expect(row).toContainText("Makers' Club");
  await expect(row).toContainText("150 ⭐/month");
  await expect(row.getByTestId("admin-subscription-status")).toHaveText("Active, renews");
  await row.getByRole("button", { name: "Cancel renewal" }).click();
  await expect(row.getByTestId("admin-subscription-status")).toHaveText(/^Cancelled/);
  await expect(row.getByRole("button", { name: "Cancel renewal" })).toHaveCount(0);
  await desktop.close();

  // Ada's page says so once it loads again.
  await page.goto("/?user=1001&path=/shop/subscriptions");
  await expect(shop.getByTestId("subscription").first().getByTestId("subscription-status")).toHaveText(
    /^Cancelled — active until /,
    { timeout: 15_000 },
  );
});
