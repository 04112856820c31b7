// "Send to a chat" from the Mini App (issue #20): Ada (1001) opens the Blue Glazed Mug, first
// cancels Telegram's share dialog (USER_DECLINED, which is no failure), then sends the mug to the
// group "Shop Friends". There her message holds the mug's invoice, which two other users pay
// through the payment sheet, each as themselves: Layla (1004) and Camille (1003), the merchant
// buying in her own shop (Wei buys nothing in any spec: orders.spec.ts shows him none). Each
// payer's receipt arrives in their chat with the bot, and Camille's sale notes say, in French
// (her Telegram's language, which the bot learns when she opens her admin page), that the mug
// was sold by a share from the Mini App.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { openSimulator, payShared } from "./support";

const CAMILLE = 1003;
const LAYLA = 1004;
const GROUP = "Shop Friends (@shop_friends, supergroup: the bot is a member)";

async function productId(page: Page, slug: string): Promise<number> {
  const catalog = await (await page.request.get("/api/products")).json();
  return catalog.products.find((p: { slug: string }) => p.slug === slug).id;
}

/** The messages in the chat of the user picked in the simulator. */
function chat(page: Page): Locator {
  return page.getByTestId("sim-chat").locator("li");
}

const SOLD_BY_SHARE = "Vendu par un partage depuis la Mini App."; // fr.json bot_m_sold_app

/** How many of the bot's messages in `user`'s chat hold `text`, read from the simulator's
 * feed: taken before the payments, so a run on a database that earlier runs used counts only
 * the notes it brought. */
async function messagesWith(page: Page, user: number, text: string): Promise<number> {
  const messages = await (await page.request.get(`/simulator/telegram/chats/${user}`)).json();
  return messages.filter((m: { text?: string }) => (m.text ?? "").includes(text)).length;
}

test("a shopper sends the mug from the Mini App to the group, where two other users pay it", async ({ page }) => {
  test.setTimeout(90_000);
  const mug = await productId(page, "blue-mug");
  // Camille opens her admin page in Telegram: the bot learns she reads French (until then, on
  // a fresh database, it writes to her in English).
  const admin = await openSimulator(page, `/?user=${CAMILLE}&path=/admin`);
  await expect(admin.getByTestId("admin")).toHaveAttribute("lang", "fr", { timeout: 15_000 });

  const shop = await openSimulator(page, `/?startapp=p_${mug}`);
  await expect(shop.getByTestId("product").getByRole("heading", { name: "Blue Glazed Mug" })).toBeVisible();
  const send = shop.getByTestId("send-to-chat");
  const dialog = page.getByTestId("sim-share-dialog");
  const note = shop.getByTestId("send-note");

  // Ada changes her mind in Telegram's dialog: "Not sent.", said as no error.
  await send.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Blue Glazed Mug — an invoice");
  await dialog.getByTestId("sim-share-cancel").click();
  await expect(dialog).toBeHidden();
  await expect(note).toHaveText("Not sent.");
  await expect(note).not.toHaveClass(/notice--error/);

  // She sends it to the group (the prepared message is used again).
  await send.click();
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("sim-share-chat").filter({ hasText: "Shop Friends (supergroup)" }).click();
  await expect(dialog).toBeHidden();
  await expect(note).toHaveText("Sent.");
  await expect(note).not.toHaveClass(/notice--error/);

  // In the group, her message is the mug's invoice, which anyone there may pay.
  await page.getByTestId("sim-channel").selectOption({ label: GROUP });
  const invoice = page.getByTestId("sim-invoice").last();
  await expect(invoice).toContainText("Blue Glazed Mug");
  await expect(invoice.getByTestId("sim-invoice-price")).toHaveText("24.00 EUR");
  const salesBefore = await messagesWith(page, CAMILLE, SOLD_BY_SHARE);
  for (const payer of [LAYLA, CAMILLE]) {
    await payShared(page, invoice, payer);
  }

  // Camille, the merchant, is told of both sales in French, each sold by the Mini App's share.
  await page.getByTestId("sim-user").selectOption(String(CAMILLE));
  const sales = chat(page).filter({ hasText: SOLD_BY_SHARE });
  await expect(sales).toHaveCount(salesBefore + 2, { timeout: 10_000 });
  const sold = (await sales.allTextContents()).slice(-2).map((text) => /n°\s*(\d+)\s+payée/.exec(text)?.[1] ?? "");
  expect(sold).toEqual([expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)]);

  // Each payer's receipt, in their language (fr.json, ar.json bot_receipt), names one of those
  // two orders, a different one each.
  const receipts = chat(page).filter({ hasText: "Merci pour vos achats" });
  const frenchReceipt = (n: string) => new RegExp(`n°\\s*${n}\\s+est payée`);
  const own = receipts.filter({ hasText: new RegExp(sold.map((n) => frenchReceipt(n).source).join("|")) });
  await expect(own).toHaveCount(1, { timeout: 10_000 });
  const ownText = (await own.textContent()) ?? "";
  const laylas = sold.filter((n) => !frenchReceipt(n).test(ownText));
  expect(laylas).toHaveLength(1);

  await page.getByTestId("sim-user").selectOption(String(LAYLA));
  const arabicReceipt = chat(page).filter({ hasText: "شكرًا لتسوقك" }).filter({ hasText: new RegExp(`رقم\\s*${laylas[0]}\\D`) });
  await expect(arabicReceipt).toHaveCount(1, { timeout: 10_000 });
});
