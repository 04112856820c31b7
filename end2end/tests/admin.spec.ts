// The merchant's admin page, used the way a merchant uses it: signing in on a computer with
// the one-time link the bot's /admin sends, adding a product that shoppers then see, marking an
// order shipped (the buyer hears it in the simulator's chat), refunding a paid Stars order; and
// a shopper who is not an admin is refused. Camille (1003) runs the shop in sandbox mode.
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { ADA, app, initData, openSimulator } from "./support";

const CAMILLE = 1003;
/** A 1 × 1 PNG. */
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/** Writes `text` to the bot in the simulator's chat. */
async function tellBot(page: Page, text: string): Promise<void> {
  const input = page.getByTestId("sim-chat-input");
  await input.fill(text);
  await input.press("Enter");
}

/** Camille asks the bot for a sign-in link in the simulator; its address. */
async function signInLink(page: Page): Promise<string> {
  await openSimulator(page, `/?user=${CAMILLE}`);
  // By its address: the bot's button is in Camille's language (French).
  const links = page.getByTestId("sim-chat").locator('a[href*="/admin/login?token="]');
  const before = await links.count();
  await tellBot(page, "/admin");
  await expect(links).toHaveCount(before + 1, { timeout: 10_000 });
  const href = await links.last().getAttribute("href");
  expect(href).toMatch(/\/admin\/login\?token=/);
  return href ?? "";
}

/** A desktop browser of its own, signed in with a fresh link. */
async function desktopAdmin(browser: Browser, page: Page): Promise<Page> {
  const link = await signInLink(page);
  const desktop = await (await browser.newContext()).newPage();
  await desktop.goto(link);
  await desktop.getByRole("button", { name: "Sign in" }).click();
  await expect(desktop).toHaveURL(/\/admin$/);
  await expect(desktop.locator('main[data-hydrated="true"]')).toBeVisible({ timeout: 15_000 });
  await expect(desktop.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  return desktop;
}

/** Ada buys one Wallpaper Pack (Stars) through the API and the simulator's sheet; its order id. */
async function paidStarsOrder(request: APIRequestContext): Promise<number> {
  const auth = { authorization: `tma ${await initData(request, ADA)}` };
  const catalog = await (await request.get("/api/products")).json();
  const pack = catalog.products.find((p: { slug: string }) => p.slug === "wallpaper-pack");
  const checkout = await request.post("/api/checkout", {
    headers: auth,
    data: { lines: [{ variant_id: pack.variants[0].id, quantity: 1 }] },
  });
  expect(checkout.status()).toBe(200);
  const answer = await checkout.json();
  const slug = String(answer.invoice_link).replace("https://t.me/$", "");
  const paid = await request.post(`/simulator/telegram/invoices/${slug}/pay`, { data: { user_id: ADA } });
  expect((await paid.json()).status).toBe("paid");
  return answer.order_id;
}

test("an admin signs in on a computer with the one-time link from /admin, once", async ({ browser, page, request }) => {
  await paidStarsOrder(request);
  const link = await signInLink(page);
  const desktop = await (await browser.newContext()).newPage();
  await desktop.goto(link);
  await desktop.getByRole("button", { name: "Sign in" }).click();
  await expect(desktop).toHaveURL(/\/admin$/);
  await expect(desktop.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible({ timeout: 15_000 });
  const stars = desktop.locator('[data-testid="revenue-chart"][data-currency="XTR"]');
  await expect(stars).toContainText("Revenue in XTR: ⭐");
  await expect(stars.locator("rect")).toHaveCount(30);
  await expect(desktop.getByTestId("funnel")).toContainText("Paid");

  // The same link a second time opens nothing.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await again.getByRole("button", { name: "Sign in" }).click();
  await expect(again.getByRole("alert")).toContainText("expired or was already used");
  await again.goto("/admin");
  await expect(again.getByText("Not signed in.")).toBeVisible({ timeout: 15_000 });

  // Signing out ends the session.
  await desktop.getByRole("button", { name: "Sign out" }).click();
  await expect(desktop.getByText("Not signed in.")).toBeVisible({ timeout: 15_000 });
});

test("a product created with a variant in the admin page is for sale in the storefront", async ({ browser, page }) => {
  const desktop = await desktopAdmin(browser, page);
  const name = `Linen Apron ${Date.now() % 100000}`;
  await desktop.getByRole("link", { name: "Products", exact: true }).click();
  await desktop.getByRole("link", { name: "New product" }).click();
  await desktop.getByLabel("Name", { exact: true }).fill(name);
  await desktop.getByLabel("Description").fill("Stonewashed linen, one size, two pockets.");
  await desktop.getByLabel("Category").selectOption({ label: "Handmade" });
  await desktop.getByLabel("Currency").fill("EUR");
  await desktop.getByLabel("Variant name").fill("Natural");
  await desktop.getByLabel("Price (EUR)").fill("34.50");
  await desktop.getByLabel("Stock").fill("7");
  await desktop.getByRole("button", { name: "Create product" }).click();
  const variants = desktop.getByTestId("variants");
  await expect(variants.getByLabel("Variant name").first()).toHaveValue("Natural");
  await expect(variants).toContainText("34,50 €");
  await expect(variants).toContainText("In stock: 7");

  // Stock changes by adjustments with a reason, kept as history.
  await variants.getByLabel("Stock change").fill("-2");
  await variants.getByLabel("Reason").fill("Two sold at the market");
  await variants.getByRole("button", { name: "Adjust stock" }).click();
  await expect(variants.getByTestId("variant-stock")).toHaveText("In stock: 5");
  await variants.getByRole("button", { name: "Stock history" }).click();
  await expect(variants.getByRole("table")).toContainText("Two sold at the market");
  await expect(variants.getByRole("table")).toContainText("initial stock");

  // A photo, checked by the server and served from /media.
  await desktop.getByLabel("Photo file").setInputFiles({ name: "apron.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") });
  await desktop.getByLabel("Alt text").fill(`${name}, folded`);
  await desktop.getByRole("button", { name: "Upload photo" }).click();
  await expect(desktop.getByTestId("main-photo").locator("img")).toHaveAttribute("alt", `${name}, folded`);
  await expect(desktop.getByTestId("main-photo").locator("img")).toHaveAttribute("src", /^\/media\//);

  const shop = await openSimulator(page, `/?user=${ADA}`);
  await expect(shop.getByText(name)).toBeVisible();
  await expect(shop.getByRole("button", { name: `Add ${name} to cart` })).toBeVisible();
  await expect(shop.locator(`img[alt="${name}, folded"]`)).toHaveAttribute("src", /^\/media\/[0-9a-f]{64}\.png$/);
});

test("marking an order shipped sends the buyer the note in the chat", async ({ browser, page, request }) => {
  const orderId = await paidStarsOrder(request);
  const desktop = await desktopAdmin(browser, page);
  await desktop.goto(`/admin/orders/${orderId}`);
  await expect(desktop.getByTestId("admin-order-status")).toHaveAttribute("data-status", "paid", { timeout: 15_000 });
  await expect(desktop.getByTestId("admin-order-buyer")).toContainText("Ada Lovelace");
  await desktop.getByLabel("Tracking note").fill("Download link resent: check your inbox");
  await desktop.getByRole("button", { name: "Mark shipped" }).click();
  await expect(desktop.getByTestId("admin-order-status")).toHaveAttribute("data-status", "shipped");

  await openSimulator(page, `/?user=${ADA}`);
  await expect(page.getByTestId("sim-chat")).toContainText(`order #${orderId} is on its way`, { timeout: 10_000 });
  await expect(page.getByTestId("sim-chat")).toContainText("Download link resent: check your inbox");
});

test("the merchant refunds a paid Stars order from the Mini App in Telegram", async ({ page, request }) => {
  const orderId = await paidStarsOrder(request);
  await openSimulator(page, `/?user=${CAMILLE}&path=/admin/orders/${orderId}`);
  const admin = app(page);
  await expect(admin.getByTestId("admin-order-status")).toHaveAttribute("data-status", "paid", { timeout: 15_000 });
  // In Telegram the admin page speaks Camille's Telegram language, French.
  await admin.getByRole("button", { name: "Rembourser" }).click();
  await expect(admin.getByTestId("admin-order-status")).toHaveAttribute("data-status", "refunded", { timeout: 20_000 });

  await page.getByTestId("sim-user").selectOption({ value: String(ADA) });
  await expect(page.getByTestId("sim-chat")).toContainText(`for order #${orderId} was refunded`, { timeout: 10_000 });
});

test("a shopper who is not an admin is refused by the admin page and its API", async ({ page, request }) => {
  await openSimulator(page, `/?user=${ADA}&path=/admin`);
  await expect(app(page).getByText("This Telegram account is not one of the shop's admins.")).toBeVisible();
  const answer = await request.post("/api/admin/session", {
    headers: { authorization: `tma ${await initData(request, ADA)}` },
  });
  expect(answer.status()).toBe(403);
  expect((await answer.json()).error.code).toBe("not_an_admin");

  await tellBot(page, "/admin");
  await expect(page.getByTestId("sim-chat")).toContainText("This command is for the shop's admins.", { timeout: 10_000 });
});

test("the merchant names the shop, adds a shipping rate and sees the webhook's health in the settings", async ({ browser, page }) => {
  const desktop = await desktopAdmin(browser, page);
  await desktop.getByRole("link", { name: "Settings", exact: true }).click();
  const shop = desktop.getByTestId("shop-settings");
  await shop.getByLabel("Shop name").fill("Atelier Camille");
  await shop.getByRole("button", { name: "Save shop" }).click();
  await expect(shop.getByRole("alert")).toHaveCount(0);

  const rate = desktop.getByTestId("rate-new");
  const rateId = `post-${Date.now() % 100000}`;
  await rate.getByLabel("Country code").fill("AT");
  await rate.getByLabel("Rate id").fill(rateId);
  await rate.getByLabel("Title").fill("Österreichische Post");
  await rate.getByLabel("Price").fill("6.90");
  await rate.getByLabel("Currency").fill("EUR");
  await rate.getByRole("button", { name: "Add shipping rate" }).click();
  await expect(desktop.getByTestId(`rate-AT-${rateId}`).getByLabel("Title")).toHaveValue("Österreichische Post");

  const webhook = desktop.getByTestId("webhook-health");
  await expect(webhook.getByTestId("webhook-state")).toHaveText("Telegram delivers updates without errors.");
  await expect(webhook.getByTestId("webhook-pending")).toHaveText("0");

  // The bot greets shoppers in the shop's new name (Wei, who buys nothing in these tests).
  await openSimulator(page, "/?user=1002");
  await tellBot(page, "/start");
  await expect(page.getByTestId("sim-chat")).toContainText("Atelier Camille", { timeout: 10_000 });
  await desktop.reload();
  await expect(desktop.getByTestId("shop-settings").getByLabel("Shop name")).toHaveValue("Atelier Camille");
});
