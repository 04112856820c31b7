// The shop inside the local Telegram simulator, as a tester uses it.
import { expect, test } from "@playwright/test";
import { emptyCart, openSimulator } from "./support";

test.beforeEach(async ({ request }) => emptyCart(request));

test("the storefront greets the test user by the name the server verified", async ({ page }) => {
  const shop = await openSimulator(page);
  await expect(shop.getByTestId("greeting")).toHaveText("Hi, Ada!");
  await expect(shop.getByTestId("outside-telegram")).toHaveCount(0);
  await page.getByTestId("sim-user").selectOption({ label: "Camille (fr)" });
  // Camille's Telegram speaks French: so does the shop, once it has read the launch data.
  await expect(shop.getByTestId("greeting")).toHaveText("Bonjour Camille\u202f!");
  await expect(shop.locator("html")).toHaveAttribute("lang", "fr");
  await expect(shop.getByRole("link", { name: "Commandes", exact: true })).toBeVisible();
});

test("switching to the dark theme changes the page's colours", async ({ page }) => {
  const shop = await openSimulator(page);
  const background = () => shop.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
  const text = () => shop.locator("body").evaluate((body) => getComputedStyle(body).color);
  await expect.poll(background).toBe("rgb(244, 244, 245)"); // light secondary_bg_color
  await expect.poll(text).toBe("rgb(0, 0, 0)");
  await page.getByTestId("sim-theme-dark").check();
  await expect.poll(background).toBe("rgb(15, 15, 15)"); // dark secondary_bg_color
  await expect.poll(text).toBe("rgb(255, 255, 255)");
});

test("adding an item shows the MainButton, which leads to the cart and back", async ({ page }) => {
  const shop = await openSimulator(page);
  const mainButton = page.getByTestId("sim-main-button");
  await expect(mainButton).toBeHidden();
  await shop.getByRole("button", { name: "Add Blue Glazed Mug to cart" }).click();
  await expect(mainButton).toBeVisible();
  await expect(mainButton).toHaveText("View cart · 1");
  await expect(page.getByTestId("sim-events")).toContainText("web_app_trigger_haptic_feedback");

  await mainButton.click();
  await expect(shop.getByTestId("cart-lines")).toContainText("Blue Glazed Mug");
  await expect(mainButton).toHaveText("Checkout · 1 item");
  const back = page.getByTestId("sim-back-button");
  await expect(back).toBeVisible();
  await back.click();
  await expect(shop.getByRole("heading", { name: "Handmade" })).toBeVisible();
  await expect(back).toBeHidden();
  await expect(mainButton).toHaveText("View cart · 1");
});

test("the server refuses /api/me with tampered launch data", async ({ page, request }) => {
  await page.goto("/");
  const launch = await (await request.get("/simulator/launch?user=1001")).json();
  const fragment = new URLSearchParams(launch.url.split("#")[1]);
  const initData = fragment.get("tgWebAppData")!;
  const good = await request.get("/api/me", { headers: { authorization: `tma ${initData}` } });
  expect(good.status()).toBe(200);
  const tampered = initData.replace("Ada", "Eve");
  expect(tampered).not.toBe(initData);
  const refused = await request.get("/api/me", { headers: { authorization: `tma ${tampered}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("init_data_hash_wrong");
});

test("the page keeps clear of the phone's safe area", async ({ page }) => {
  const shop = await openSimulator(page);
  const topPadding = () => shop.locator(".topbar").evaluate((bar) => getComputedStyle(bar).paddingTop);
  await expect.poll(topPadding).toBe("10px");
  await page.getByTestId("sim-notch").check();
  await expect.poll(topPadding).toBe("54px"); // 10 px + the 44 px inset Telegram reports
});

// Written without a browser to run it in (the session that wrote it had none): run it before
// trusting it. The Mini App takes Telegram's events from its parent frame only; a message
// from any other window — the app's own, a frame the page holds — changes nothing.
test("the Mini App ignores postMessage events that do not come from its parent frame", async ({ page }) => {
  const shop = await openSimulator(page);
  const background = () => shop.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
  const text = () => shop.locator("body").evaluate((body) => getComputedStyle(body).color);
  await expect.poll(background).toBe("rgb(244, 244, 245)"); // light secondary_bg_color
  const theme = (params: Record<string, string>) =>
    JSON.stringify({ eventType: "theme_changed", eventData: { theme_params: params } });
  const forged = theme({ secondary_bg_color: "#ff0000", text_color: "#ff0000" });
  await shop.locator("body").evaluate((body, message) => {
    // From the app's own window…
    window.postMessage(message, "*");
    // …and from a frame inside the app, posting to the app as its parent.
    const stranger = document.createElement("iframe");
    body.append(stranger);
    const post = new ((stranger.contentWindow as unknown as { Function: FunctionConstructor }).Function)(
      "message",
      "parent.postMessage(message, '*')",
    );
    post(message);
  }, forged);
  // Then the parent (the simulator) speaks: posted after the forged ones, it is handled after
  // them, so once its colour shows, the forged messages have been dispatched — and ignored.
  const real = theme({ secondary_bg_color: "#f4f4f5", text_color: "#123456" });
  await page.evaluate((message) => {
    const frame = document.querySelector('[data-testid="sim-app"]') as HTMLIFrameElement;
    frame.contentWindow!.postMessage(message, "*");
  }, real);
  await expect.poll(text).toBe("rgb(18, 52, 86)");
  expect(await background()).toBe("rgb(244, 244, 245)");
});
