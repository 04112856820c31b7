// Event tickets in the simulator, as a buyer and door staff use them: the link a channel post's
// button carries (`startapp=e_<id>`) opens the event; the buyer picks 2 seated tickets, names
// them, pays in the simulated sheet, and sees two QR codes on the order page and in "My
// tickets"; a member of the door staff (named for the event, not an admin) opens "Scan
// tickets", scans one (admitted) and the same again (already checked in), and types the other's
// code as on a desktop. Once in English and once in Arabic, right to left.
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from "@playwright/test";
import { ADA, adminAuthorization, openSimulator } from "./support";

const LAYLA = 1004;
const CAMILLE = 1003;

/** What differs between the languages. */
type Words = {
  user: number;
  lang: string;
  dir: string;
  pay: RegExp;
  myTickets: string;
  admitted: string;
  already: string;
  seated: string;
  /** A word of the jazz night's name, as the demo catalog writes it in this language. */
  jazz: string;
};

const ENGLISH: Words = {
  user: ADA,
  lang: "en",
  dir: "ltr",
  pay: /^Pay €56\.00$/,
  myTickets: "My tickets",
  admitted: "Admitted",
  already: "Already checked in",
  seated: "Seated",
  jazz: "Jazz",
};

const ARABIC: Words = {
  user: LAYLA,
  lang: "ar",
  dir: "rtl",
  pay: /^ادفع .*56.00/,
  myTickets: "تذاكري",
  admitted: "مسموح بالدخول",
  already: "دخل من قبل",
  seated: "جلوس",
  jazz: "الجاز",
};

/** The demo's jazz night (seeded on first start), with Ada and Layla as its door staff. */
async function jazzNight(request: APIRequestContext): Promise<number> {
  const events = await (await request.get("/api/events")).json();
  // The demo's, not one the organiser's spec (admin-events.spec.ts) created.
  const jazz = events.find((event: { name: string }) => event.name === "Jazz Night Ticket");
  expect(jazz, "the demo's jazz night is on sale").toBeTruthy();
  const staff = await request.put(`/api/admin/events/${jazz.id}/staff`, {
    headers: { authorization: await adminAuthorization(request, CAMILLE) },
    data: { staff: [ADA, LAYLA] },
  });
  expect(staff.status()).toBe(200);
  return jazz.id;
}

/** Opens the event as a channel post's button does, in the user's language. */
async function openEvent(page: Page, words: Words, eventId: number): Promise<FrameLocator> {
  const shop = await openSimulator(page, `/?user=${words.user}&startapp=e_${eventId}`);
  await expect(shop.locator("html")).toHaveAttribute("lang", words.lang);
  await expect(shop.locator("html")).toHaveAttribute("dir", words.dir);
  await expect(shop.locator('main[data-hydrated="true"]')).toBeVisible({ timeout: 15_000 });
  await expect(shop.getByTestId("event")).toBeVisible({ timeout: 10_000 });
  await expect(shop.getByTestId("event")).toContainText(words.jazz);
  return shop;
}

/** Picks two seated tickets named `names` and pays for them; the order page shows. */
async function buyTwoSeated(page: Page, shop: FrameLocator, words: Words, names: [string, string]) {
  const seated = shop.getByTestId("ticket-type").filter({ hasText: words.seated });
  const more = seated.locator(".stepper__button").last();
  await more.click();
  await more.click();
  await expect(seated.getByTestId("ticket-quantity")).toHaveText("2");
  const mainButton = page.getByTestId("sim-main-button");
  await expect(mainButton).toHaveText(words.pay);
  // A name is asked for each ticket: without them, no invoice.
  await mainButton.click();
  await expect(shop.getByTestId("pay-notice")).toBeVisible();
  await expect(page.getByTestId("sim-payment-sheet")).toBeHidden();
  const attendees = seated.getByTestId("attendee");
  await expect(attendees).toHaveCount(2);
  await attendees.nth(0).fill(names[0]);
  await attendees.nth(1).fill(names[1]);
  await mainButton.click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeVisible();
  await page.getByTestId("sim-pay").click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeHidden();
  await expect(shop.getByTestId("order-status")).toHaveAttribute("data-status", "paid", { timeout: 20_000 });
}

/** The two QR codes of the tickets named `names` in `where`; their short codes. */
async function twoQrCodes(shop: FrameLocator, names: [string, string]): Promise<string[]> {
  const codes = [];
  for (const name of names) {
    const voucher = shop.getByTestId("voucher").filter({ hasText: name });
    await expect(voucher).toHaveCount(1, { timeout: 10_000 });
    await expect(voucher.locator(".voucher__qr svg")).toBeVisible();
    const box = await voucher.locator(".voucher__qr").boundingBox();
    expect(box && box.width >= 200, "a large QR code").toBeTruthy();
    await expect(voucher).toHaveAttribute("data-status", "valid");
    const code = (await voucher.getAttribute("data-code")) ?? "";
    await expect(voucher.getByTestId("voucher-code")).toHaveText(code);
    await expect(voucher.getByTestId("voucher-what")).toContainText("Seated");
    codes.push(code);
  }
  return codes;
}

/** Door staff scan `code` with the simulated scanner; the answer the page shows. */
async function scan(page: Page, shop: FrameLocator, code: string) {
  await shop.getByTestId("scan").click();
  await expect(page.getByTestId("sim-scanner")).toBeVisible();
  await page.getByTestId("sim-scanner-code").fill(code);
  await page.getByTestId("sim-scanner-scan").click();
  // The page closes the scanner to show the answer.
  await expect(page.getByTestId("sim-scanner")).toBeHidden();
  return shop.getByTestId("door-answer");
}

async function buyAndCheckIn(page: Page, request: APIRequestContext, words: Words) {
  const eventId = await jazzNight(request);
  const run = Date.now().toString(36);
  const names: [string, string] = [`Nour ${run}`, `Sami ${run}`];
  const shop = await openEvent(page, words, eventId);
  await buyTwoSeated(page, shop, words, names);
  // The order page shows the two tickets as QR codes.
  const codes = await twoQrCodes(shop, names);
  expect(new Set(codes).size).toBe(2);

  // Back to the storefront, then "My tickets" shows the same two.
  await page.getByTestId("sim-back-button").click();
  await shop.getByRole("link", { name: words.myTickets }).click();
  expect(await twoQrCodes(shop, names)).toEqual(codes);

  // The door: the event is picked, the first ticket admitted, then refused as checked in.
  await openSimulator(page, `/?user=${words.user}&path=/shop/events/door`);
  await expect(shop.locator("html")).toHaveAttribute("dir", words.dir);
  await shop.getByTestId("door-event").selectOption(String(eventId));
  let answer = await scan(page, shop, codes[0]);
  await expect(answer).toHaveAttribute("data-outcome", "admitted");
  await expect(answer).toContainText(words.admitted);
  await expect(answer).toContainText(names[0]);
  await expect(answer).toContainText("Seated");
  await expect(page.getByTestId("sim-events")).toContainText('"notification_type":"success"');

  answer = await scan(page, shop, codes[0]);
  await expect(answer).toHaveAttribute("data-outcome", "already_checked_in");
  await expect(answer).toContainText(words.already);
  await expect(answer).toContainText(words.user === ADA ? "Ada" : "Layla");
  await expect(page.getByTestId("sim-events")).toContainText('"notification_type":"warning"');

  // On a desktop the short code is typed.
  await shop.getByTestId("door-code").fill(codes[1]);
  await shop.getByTestId("door-code").press("Enter");
  await expect(answer).toHaveAttribute("data-outcome", "admitted");
  await expect(answer).toContainText(names[1]);

  // A code that is no ticket.
  await shop.getByTestId("door-code").fill("NOPE-NOPE");
  await shop.getByTestId("door-code").press("Enter");
  await expect(answer).toHaveAttribute("data-outcome", "unknown");
  await expect(page.getByTestId("sim-events")).toContainText('"notification_type":"error"');
}

test("a buyer pays for two named seats and door staff admit one ticket once, in English", async ({ page, request }) => {
  await buyAndCheckIn(page, request, ENGLISH);
});

test("the same in Arabic, right to left", async ({ page, request }, testInfo) => {
  await buyAndCheckIn(page, request, ARABIC);
  await page.screenshot({ path: testInfo.outputPath("door-arabic-rtl.png"), fullPage: true });
});

test("the events list shows the jazz night with its date, venue and price, and leads to it", async ({ page, request }) => {
  const eventId = await jazzNight(request);
  const shop = await openSimulator(page, `/?user=${ADA}`);
  await shop.getByRole("link", { name: "Events", exact: true }).click();
  const card = shop.getByTestId("event-card").filter({ hasText: "Jazz Night Ticket" });
  await expect(card).toBeVisible({ timeout: 10_000 });
  await expect(card).toContainText("Old Harbour Hall");
  await expect(card).toContainText("from");
  await expect(card).toHaveAttribute("data-availability", "on_sale");
  // Ada is on the door staff: the way to the scanner shows for her.
  await expect(shop.getByTestId("door-link")).toBeVisible();
  await card.click();
  await expect(shop.getByTestId("event")).toContainText("Old Harbour Hall");
  await expect(shop.getByTestId("event")).toContainText("Jazz");
  await expect(shop.getByTestId("event-when")).toContainText(/\d/);
  await expect(shop.getByTestId("ticket-type").filter({ hasText: "VIP table" })).toContainText("Sold out");
  // The BackButton returns to the list.
  await page.getByTestId("sim-back-button").click();
  await expect(shop.locator(`a[href="/shop/events/${eventId}"]`)).toBeVisible();
});

test("the jazz night's card in the storefront opens the event's page, not the cart", async ({ page, request }) => {
  const eventId = await jazzNight(request);
  const shop = await openSimulator(page, `/?user=${ADA}`);
  const card = shop.locator('[data-testid="product-card"][data-slug="jazz-night"]');
  await expect(card).toBeVisible({ timeout: 10_000 });
  // Its tickets are chosen with a name each on the event's page: no "Add" on the card.
  await expect(card.getByRole("button")).toHaveCount(0);
  await card.getByRole("link", { name: /Choose/ }).click();
  await expect(shop.getByTestId("event")).toContainText("Old Harbour Hall", { timeout: 10_000 });
  await expect
    .poll(() => page.frames().some((frame) => frame.url().endsWith(`/shop/events/${eventId}`)))
    .toBe(true);
  // A product link from before (a shared p_<id>) lands on the event's page too.
  const linked = await openSimulator(page, `/?user=${ADA}&startapp=p_${eventId}`);
  await expect(linked.getByTestId("event")).toContainText("Old Harbour Hall", { timeout: 15_000 });
});

test("the organiser's post in the channel opens the event in the Mini App", async ({ page, request }) => {
  const eventId = await jazzNight(request);
  const headers = { authorization: await adminAuthorization(request, CAMILLE) };
  // The post's button needs the Mini App's short name (a setting); the rest of the shop's
  // settings stay as they are.
  const settings = await (await request.get("/api/admin/settings", { headers })).json();
  const shop = { name: settings.shop.name, currency: settings.shop.currency, mini_app_short_name: "shop" };
  expect((await request.put("/api/admin/settings/shop", { headers, data: shop })).status()).toBe(200);
  const published = await request.post(`/api/admin/events/${eventId}/publish`, { headers, data: { chat: "@shop_news" } });
  expect(published.status(), await published.text()).toBe(200);
  expect((await published.json()).link).toBe(`https://t.me/sandbox_shop_bot/shop?startapp=e_${eventId}`);

  const app = await openSimulator(page, `/?user=${ADA}`);
  await expect(app.locator('main[data-hydrated="true"]')).toBeVisible({ timeout: 15_000 });
  await page.getByTestId("sim-channel").selectOption({ label: "Shop News (@shop_news, channel: the bot is an admin)" });
  const post = page.getByTestId("sim-channel-post").filter({ hasText: "Jazz Night Ticket" }).last();
  await expect(post).toBeVisible({ timeout: 10_000 });
  await post.getByTestId("sim-post-button").click();
  const event = app.getByTestId("event");
  await expect(event).toBeVisible({ timeout: 15_000 });
  await expect(event).toContainText("Jazz");
  await expect(event).toContainText("Old Harbour Hall");
});
