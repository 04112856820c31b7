// The simulated Telegram client's QR scanner and channel view, driven by the Mini Apps protocol
// itself: the scanner is asked for from inside the Mini App's frame (as the app's door page asks
// for it), and what the frame receives is what Telegram would deliver.
import { expect, test, type FrameLocator } from "@playwright/test";
import { openSimulator } from "./support";

type Received = { eventType: string; eventData: unknown };

/** Inside the Mini App's frame: records the scanner events Telegram delivers to it. */
async function listen(shop: FrameLocator): Promise<() => Promise<Received[]>> {
  const body = shop.locator("body");
  await body.evaluate(() => {
    const store = window as unknown as { scannerEvents: Received[] };
    store.scannerEvents = [];
    window.addEventListener("message", (event) => {
      if (event.source !== window.parent || typeof event.data !== "string") return;
      const message = JSON.parse(event.data) as Received;
      if (["qr_text_received", "scan_qr_popup_closed"].includes(message.eventType)) store.scannerEvents.push(message);
    });
  });
  return () => body.evaluate(() => (window as unknown as { scannerEvents: Received[] }).scannerEvents);
}

/** Posts a Mini Apps event from the app's frame to Telegram (the simulator). */
async function postFromApp(shop: FrameLocator, eventType: string, eventData: object = {}): Promise<void> {
  await shop.locator("body").evaluate(
    (_, message) => window.parent.postMessage(message, "*"),
    JSON.stringify({ eventType, eventData }),
  );
}

test("the scanner opens when the app asks and delivers each code typed until the app closes it", async ({ page }) => {
  const shop = await openSimulator(page);
  const received = await listen(shop);
  const scanner = page.getByTestId("sim-scanner");
  await expect(scanner).toBeHidden();

  await postFromApp(shop, "web_app_open_scan_qr_popup", { text: "Scan a ticket" });
  await expect(scanner).toBeVisible();
  await expect(page.getByTestId("sim-scanner-text")).toHaveText("Scan a ticket");
  await page.getByTestId("sim-scanner-code").fill("T7KQ-MX4P-9WRH");
  await page.getByTestId("sim-scanner-scan").click();
  await expect.poll(received).toEqual([{ eventType: "qr_text_received", eventData: { data: "T7KQ-MX4P-9WRH" } }]);

  // The popup stays open for the next code; a code read before can be scanned again.
  await expect(scanner).toBeVisible();
  await expect(page.getByTestId("sim-scanner-code")).toHaveValue("");
  await page.getByTestId("sim-scanner-read").getByRole("button", { name: "T7KQ-MX4P-9WRH" }).click();
  await expect.poll(received).toHaveLength(2);
  expect((await received())[1]).toEqual({ eventType: "qr_text_received", eventData: { data: "T7KQ-MX4P-9WRH" } });

  // The app closes it: Telegram tells the app nothing more.
  await postFromApp(shop, "web_app_close_scan_qr_popup");
  await expect(scanner).toBeHidden();
  await expect(page.getByTestId("sim-events")).toContainText("web_app_close_scan_qr_popup");
  expect(await received()).toHaveLength(2);
});

test("closing the scanner by hand tells the app scan_qr_popup_closed", async ({ page }) => {
  const shop = await openSimulator(page);
  const received = await listen(shop);
  await postFromApp(shop, "web_app_open_scan_qr_popup");
  await expect(page.getByTestId("sim-scanner")).toBeVisible();
  await expect(page.getByTestId("sim-scanner-text")).toHaveText("");
  await page.getByTestId("sim-scanner-close").click();
  await expect(page.getByTestId("sim-scanner")).toBeHidden();
  await expect.poll(received).toEqual([{ eventType: "scan_qr_popup_closed", eventData: {} }]);
  // Enter on an empty field delivers nothing, and a closed scanner reads nothing.
  await page.getByTestId("sim-scanner-code").evaluate((input: HTMLInputElement) => input.form!.requestSubmit());
  expect(await received()).toHaveLength(1);
});

test("a channel post's Mini App button opens the app with its start parameter", async ({ page }) => {
  // The bot's post as the Bot API stand-in keeps it (see server/tests/api/simulator/channels.rs,
  // which posts it through sendPhoto): the bot's token is the sandbox's secret, so here the
  // channel's messages are served to the client as that test shows them.
  const channelId = -1001000000001;
  const post = {
    message_id: 9, date: 1767225600,
    chat: { id: channelId, type: "channel", title: "Shop News", username: "shop_news" },
    sender_chat: { id: channelId, type: "channel", title: "Shop News", username: "shop_news" },
    text: "Jazz night\nFriday at the Blue Note",
    entities: [{ type: "bold", offset: 0, length: 10 }],
    reply_markup: { inline_keyboard: [[{ text: "Get tickets", url: "https://t.me/sandbox_shop_bot/shop?startapp=e_42" }]] },
  };
  await page.route(`**/simulator/telegram/chats/${channelId}`, (route) => route.fulfill({ json: [post] }));
  const shop = await openSimulator(page);
  await expect(shop.getByTestId("greeting")).toHaveText("Hi, Ada!");

  const channel = page.getByTestId("sim-channel");
  await expect(channel.locator("option")).toHaveText([
    "Shop News (@shop_news, channel: the bot is an admin)",
    "Shop Friends (@shop_friends, supergroup: the bot is a member)",
    "Makers' Club (private, channel: the bot is an admin)",
  ]);
  const shown = page.getByTestId("sim-channel-post");
  await expect(shown).toHaveCount(1);
  await expect(shown.locator("b")).toHaveText("Jazz night");
  await shown.getByTestId("sim-post-button").click();

  const frame = page.getByTestId("sim-app");
  await expect(frame).toHaveAttribute("src", /tgWebAppStartParam=e_42/);
  const src = (await frame.getAttribute("src"))!;
  const signed = new URLSearchParams(src.split("#")[1]).get("tgWebAppData")!;
  const initData = new URLSearchParams(signed);
  expect(initData.get("start_param")).toBe("e_42");
  expect(initData.get("chat_type")).toBe("channel");
  await expect(page.getByTestId("sim-events")).toContainText("open Mini App https://t.me/sandbox_shop_bot/shop?startapp=e_42");
  // The launch data is signed as Telegram signs it: the shop accepts it, start_param and all.
  const me = await page.request.get("/api/me", { headers: { authorization: `tma ${signed}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).start_param).toBe("e_42");
  await expect(shop.locator('main[data-hydrated="true"]')).toBeVisible({ timeout: 15_000 });
});

test("a link to someone else's bot does not open this Mini App", async ({ page }) => {
  const channelId = -1001000000001;
  const post = {
    message_id: 10, date: 1767225600,
    chat: { id: channelId, type: "channel", title: "Shop News", username: "shop_news" },
    text: "Elsewhere",
    reply_markup: { inline_keyboard: [[{ text: "Other", url: "https://t.me/other_bot/app?startapp=e_1" }]] },
  };
  await page.route(`**/simulator/telegram/chats/${channelId}`, (route) => route.fulfill({ json: [post] }));
  await openSimulator(page);
  const before = await page.getByTestId("sim-app").getAttribute("src");
  await page.getByTestId("sim-post-button").click();
  await expect(page.getByTestId("sim-events")).toContainText("Telegram would open https://t.me/other_bot/app?startapp=e_1");
  expect(await page.getByTestId("sim-app").getAttribute("src")).toBe(before);
});
