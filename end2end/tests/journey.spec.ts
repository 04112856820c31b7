// A whole purchase as a shopper makes it, in English and in Arabic (right to left): search →
// product → cart → promo code → pay in the simulator's payment sheet → order detail. (A variant
// is picked in variants.spec.ts; the haircut, once bought here with a stylist variant, is booked
// on its own page since it is a salon service: booking.spec.ts.)
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { emptyCart, openSimulator } from "./support";

const LAYLA = 1004;

/** What the shopper reads at each step, in one language. */
interface Words {
  search: string;
  results: string;
  /** The workshop seat's name, as the demo catalog writes it in this language. */
  seat: string;
  add: string;
  viewCart: string;
  checkout: string;
  promo: string;
  apply: string;
  applied: string;
  pay: string;
  paid: string;
}

const ENGLISH: Words = {
  search: "Search products",
  results: "1 product",
  seat: "Pottery Workshop Seat",
  add: "Add Pottery Workshop Seat to cart",
  viewCart: "View cart · 1",
  checkout: "Checkout · 1 item",
  promo: "Promo code",
  apply: "Apply",
  applied: "Promo code WELCOME10 applied.",
  pay: "Pay 49,50 €",
  paid: "Paid",
};

const ARABIC: Words = {
  search: "ابحث عن المنتجات",
  results: "منتج واحد",
  seat: "مقعد في ورشة الفخار",
  add: "إضافة مقعد في ورشة الفخار إلى السلة",
  viewCart: "عرض السلة · 1",
  checkout: "الدفع · منتج واحد",
  promo: "رمز الخصم",
  apply: "تطبيق",
  applied: "تم تطبيق رمز الخصم WELCOME10.",
  pay: "ادفع 49,50 €",
  paid: "مدفوع",
};

/** Search → product → cart → promo → pay → the order's page. (Event tickets have a page of
 * their own, with a name per ticket: events.spec.ts.) */
async function buyAWorkshopSeat(page: Page, shop: FrameLocator, words: Words): Promise<void> {
  const mainButton = page.getByTestId("sim-main-button");
  await shop.getByRole("searchbox", { name: words.search }).fill("pottery");
  await expect(shop.getByTestId("result-count")).toHaveText(words.results);
  await shop.getByRole("link", { name: words.seat, exact: true }).click();

  await expect(shop.getByTestId("product")).toBeVisible();
  await expect(shop.getByTestId("product-price")).toHaveText("55,00 €");
  await shop.getByRole("button", { name: words.add }).click();
  await expect(mainButton).toHaveText(words.viewCart);

  await mainButton.click();
  await expect(shop.getByTestId("cart-lines")).toContainText(words.seat);
  await expect(mainButton).toHaveText(words.checkout);
  await mainButton.click();

  const summary = shop.getByTestId("checkout-summary");
  await summary.getByLabel(words.promo).fill("welcome10");
  await summary.getByRole("button", { name: words.apply }).click();
  await expect(summary).toContainText(words.applied);
  await expect(summary.getByTestId("summary-discount")).toHaveText("−5,50 €");
  await expect(mainButton).toHaveText(words.pay);

  await mainButton.click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeVisible();
  await expect(page.getByTestId("sim-sheet-total")).toHaveText("49.50 EUR");
  await page.getByTestId("sim-pay").click();
  await expect(shop.getByTestId("order-status")).toHaveText(words.paid, { timeout: 10_000 });
  await expect(shop.getByTestId("order-discount")).toHaveText("−5,50 €");
  await expect(shop.getByTestId("order-total")).toHaveText("49,50 €");
  await expect(shop.getByTestId("timeline").locator("li")).toHaveCount(2);
}

test("an English shopper finds a workshop seat, uses a promo code and pays", async ({ page, request }) => {
  await emptyCart(request);
  const shop = await openSimulator(page);
  await expect(shop.locator("html")).toHaveAttribute("dir", "ltr");
  await buyAWorkshopSeat(page, shop, ENGLISH);
});

test("an Arabic shopper makes the same purchase in Arabic, laid out right to left", async ({ page, request }, testInfo) => {
  await emptyCart(request, LAYLA);
  const shop = await openSimulator(page);
  await page.getByTestId("sim-user").selectOption({ value: String(LAYLA) });
  // Layla's Telegram speaks Arabic: the page follows it once it has read the launch data.
  const html = shop.locator("html");
  await expect(html).toHaveAttribute("lang", "ar");
  await expect(html).toHaveAttribute("dir", "rtl");
  await expect(shop.getByTestId("greeting")).toHaveText("مرحبًا Layla!");

  // Right to left: the title starts at the right edge, the cart badge sits at the left.
  const title = await shop.locator(".topbar__title").boundingBox();
  const badge = await shop.getByTestId("cart-badge").boundingBox();
  expect(title && badge && title.x > badge.x).toBeTruthy();
  const screenshot = testInfo.outputPath("storefront-arabic-rtl.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach("storefront in Arabic", { path: screenshot, contentType: "image/png" });

  await buyAWorkshopSeat(page, shop, ARABIC);
  // Amounts keep Telegram's own order ("25,20 €") inside the right-to-left page.
  await expect(shop.getByTestId("order-total").locator("bdi")).toHaveAttribute("dir", "ltr");
  await page.screenshot({ path: testInfo.outputPath("order-arabic-rtl.png"), fullPage: true });

  // The next open is rendered in Arabic by the server already (the page remembered it).
  const reopened = await page.context().request.get("/shop");
  expect(await reopened.text()).toContain('dir="rtl"');
});
