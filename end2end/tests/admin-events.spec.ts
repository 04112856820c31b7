// The organiser's event pages, used as an organiser would: on a computer whose own clock is in
// New York, Camille (1003) sets the shop's time zone to Paris and the Mini App's short name,
// creates an event with two ticket types (its times typed on Paris clocks, in summer time and
// in the hour skipped when summer time begins), sees
// it listed, watches a buyer's held tickets appear while the event's page is open, edits the
// limits and the capacity, names door staff, closes sales, announces the event in the
// simulator's channel (after the group where the bot is no admin refuses it), backs out of
// cancelling it, then cancels it (the buyer's held order is cancelled with it, and the event
// leaves the storefront). Bad input shows the server's refusal beside the form.
import { expect, test } from "@playwright/test";
import { adminAuthorization, adminOnComputer, initData, openSimulator } from "./support";

const CAMILLE = 1003;
/** Layla buys here; Wei buys nothing in any spec (orders.spec.ts shows him none). */
const LAYLA = 1004;

test("an organiser creates an event, sees its sales live, edits it, closes sales and publishes it", async ({ browser, page, request }) => {
  test.setTimeout(90_000);
  const desktop = await adminOnComputer(browser, page, CAMILLE, { timezoneId: "America/New_York" });

  // The shop's clock and the Mini App's short name, which the channel post's button needs.
  await desktop.getByRole("link", { name: "Settings", exact: true }).click();
  const shop = desktop.getByTestId("shop-settings");
  await shop.getByLabel("Time zone of events").fill("Mars/Olympus");
  await shop.getByRole("button", { name: "Save shop" }).click();
  await expect(shop.getByRole("alert")).toContainText('"Mars/Olympus" is not a time zone');
  await shop.getByLabel("Time zone of events").fill("Europe/Paris");
  await shop.getByLabel("Mini App short name").fill("shop");
  await shop.getByRole("button", { name: "Save shop" }).click();
  await expect(shop.getByRole("alert")).toHaveCount(0);
  await desktop.reload();
  await expect(desktop.getByTestId("shop-settings").getByLabel("Time zone of events")).toHaveValue("Europe/Paris", { timeout: 15_000 });

  // A new event with two ticket types; its times are typed on Paris clocks.
  const name = `Jazz Night ${Date.now() % 100000}`;
  await desktop.getByRole("link", { name: "Events", exact: true }).click();
  await desktop.getByRole("link", { name: "New event" }).click();
  const form = desktop.getByTestId("new-event");
  await expect(form.getByTestId("event-time-zone")).toHaveText("Times are on the shop's clock: Europe/Paris");
  await form.getByLabel("Category").selectOption({ label: "Event tickets" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Description").fill("A quartet in the courtyard.");
  await form.getByLabel("Currency").fill("EUR");
  await form.getByLabel("Starts").fill("2027-07-14T20:00");
  await form.getByLabel("Ends (optional)").fill("2027-07-14T19:00");
  await form.getByLabel("Venue").fill("Cour Carrée");
  await form.getByLabel("Address").fill("Rue de Rivoli, Paris");
  await form.getByLabel("Map link (optional)").fill("https://www.openstreetmap.org/?mlat=48.8606&mlon=2.3376");
  await form.getByLabel("Capacity").fill("100");
  const standing = form.getByTestId("draft-ticket-type-0");
  await standing.getByLabel("Ticket type name").fill("Standing");
  await standing.getByLabel("Price (EUR)").fill("15");
  await form.getByRole("button", { name: "Add a ticket type" }).click();
  const seated = form.getByTestId("draft-ticket-type-1");
  await seated.getByLabel("Ticket type name").fill("Seated");
  await seated.getByLabel("Price (EUR)").fill("25.50");
  await seated.getByLabel("Quota (optional)").fill("40");
  await seated.getByLabel("Per-order maximum").fill("4");
  // A third row, added and removed again.
  await form.getByRole("button", { name: "Add a ticket type" }).click();
  await form.getByTestId("draft-ticket-type-2").getByRole("button", { name: "Remove ticket type" }).click();
  await expect(form.getByTestId("draft-ticket-type-2")).toHaveCount(0);
  // An end before the start: the server's refusal is shown beside the form, nothing is created.
  await form.getByRole("button", { name: "Create event" }).click();
  await expect(form.locator('[role="alert"][data-code="bad_event_times"]')).toContainText("ends_at is after starts_at");
  await expect(desktop).toHaveURL(/\/admin\/events\/new$/);
  await form.getByLabel("Ends (optional)").fill("2027-07-14T23:30");
  await form.getByRole("button", { name: "Create event" }).click();

  await expect(desktop).toHaveURL(/\/admin\/events\/\d+$/, { timeout: 15_000 });
  const id = Number(desktop.url().split("/").pop());
  await expect(desktop.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(desktop.getByTestId("event-state")).toHaveAttribute("data-state", "on_sale");
  await expect(desktop.getByText("starts 2027-07-14 20:00 (Europe/Paris)")).toBeVisible();
  const details = desktop.getByTestId("event-details");
  await expect(details.getByLabel("Starts")).toHaveValue("2027-07-14T20:00");
  await expect(details.getByLabel("Sales close (empty: at the start)")).toHaveValue("2027-07-14T20:00");
  await expect(desktop.getByTestId("event-product-link")).toHaveAttribute("href", `/admin/products/${id}`);

  // 20:00 in Paris in July (CEST, UTC+2) is 18:00 UTC, whatever the browser's own zone.
  const auth = { authorization: await adminAuthorization(request, CAMILLE) };
  const saved = await (await request.get(`/api/admin/events/${id}`, { headers: auth })).json();
  expect(saved.starts_at).toBe(Date.UTC(2027, 6, 14, 18, 0));
  expect(saved.ends_at).toBe(Date.UTC(2027, 6, 14, 21, 30));
  expect(saved.time_zone).toBe("Europe/Paris");
  expect(saved.ticket_types.map((t: { name: string }) => t.name)).toEqual(["Standing", "Seated"]);
  const [standingType, seatedType] = saved.ticket_types;
  expect(seatedType.quota).toBe(40);
  expect(seatedType.max_per_order).toBe(4);

  // Listed among the upcoming events, on the shop's clock.
  await desktop.getByRole("link", { name: "← All events" }).click();
  const row = desktop.getByTestId("admin-events-upcoming").getByTestId("admin-event-row").filter({ hasText: name });
  await expect(row).toContainText("2027-07-14 20:00");
  await expect(row.getByTestId("admin-event-sales")).toHaveText("0 / 0 / 100");
  await row.getByRole("link", { name }).click();

  // A buyer's order awaiting payment shows as held while the page is open.
  const sales = desktop.getByTestId("event-sales");
  await expect(sales.getByTestId(`ticket-type-${standingType.variant_id}`).getByTestId("ticket-type-held")).toHaveText("0");
  const checkout = await request.post("/api/checkout", {
    headers: { authorization: `tma ${await initData(request, LAYLA)}` },
    data: { lines: [{ variant_id: standingType.variant_id, quantity: 2 }] },
  });
  expect(checkout.status()).toBe(200);
  const checkoutOrder = (await checkout.json()).order_id;
  await expect(sales.getByTestId(`ticket-type-${standingType.variant_id}`).getByTestId("ticket-type-held")).toHaveText("2", { timeout: 10_000 });
  await expect(sales.getByTestId("event-held")).toHaveText("2");

  // A quota below what is held is refused with the server's message; a lower per-order maximum is kept.
  const seatedRow = sales.getByTestId(`ticket-type-${seatedType.variant_id}`);
  await seatedRow.getByLabel("Per-order maximum").fill("2");
  await seatedRow.getByRole("button", { name: "Save limits" }).click();
  await expect(seatedRow.getByRole("alert")).toHaveCount(0);
  await expect(seatedRow.getByLabel("Per-order maximum")).toHaveValue("2");
  const standingRow = sales.getByTestId(`ticket-type-${standingType.variant_id}`);
  await standingRow.getByLabel("Quota (empty: none)").fill("1");
  await standingRow.getByRole("button", { name: "Save limits" }).click();
  await expect(standingRow.locator('[role="alert"][data-code="below_sold"]')).toContainText("2 tickets are sold or held");

  // The capacity, edited.
  await details.getByLabel("Capacity").fill("80");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByRole("alert")).toHaveCount(0);
  await expect(sales.getByTestId("event-totals")).toContainText("capacity 80");
  await expect(details.getByLabel("Starts")).toHaveValue("2027-07-14T20:00");

  // Door staff.
  const staff = desktop.getByTestId("event-staff");
  await staff.getByLabel("Telegram user id").fill("1004");
  await staff.getByRole("button", { name: "Add to door staff" }).click();
  await expect(staff.getByTestId("staff-member")).toHaveText(["1004 Remove"]);

  // Sales closed.
  await desktop.getByRole("button", { name: "Close sales" }).click();
  await expect(desktop.getByTestId("event-state")).toHaveAttribute("data-state", "sales_closed");
  await expect(desktop.getByRole("button", { name: "Close sales" })).toHaveCount(0);

  // Announced: refused where the bot is only a member, posted in the channel where it is an admin.
  const publish = desktop.getByTestId("event-publish");
  await publish.getByLabel("Channel or group").fill("@shop_friends");
  await publish.getByRole("button", { name: "Publish" }).click();
  await expect(publish.locator('[role="alert"][data-code="bot_not_chat_admin"]')).toContainText(
    "the bot is not an administrator of @shop_friends",
    { timeout: 10_000 },
  );
  await expect(publish.getByTestId("published")).toHaveCount(0);
  await publish.getByLabel("Channel or group").fill("@shop_news");
  await publish.getByRole("button", { name: "Publish" }).click();
  await expect(publish.getByRole("alert")).toHaveCount(0, { timeout: 10_000 });
  await expect(publish.getByTestId("post-link")).toHaveAttribute("href", /^https:\/\/t\.me\/shop_news\/\d+$/);
  await expect(publish.getByTestId("post-button-link")).toHaveText(`https://t.me/sandbox_shop_bot/shop?startapp=e_${id}`);

  // 02:30 never shows on Paris clocks on the night of 28 March 2027 (summer time begins at
  // 02:00): typed, it is moved on by the skipped hour, 03:30 CEST, 01:30 UTC; an emptied
  // sales close is the start.
  await details.getByLabel("Starts").fill("2027-03-28T02:30");
  await details.getByLabel("Sales close (empty: at the start)").fill("");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByLabel("Starts")).toHaveValue("2027-03-28T03:30");
  await expect(details.getByLabel("Sales close (empty: at the start)")).toHaveValue("2027-03-28T03:30");
  const moved = await (await request.get(`/api/admin/events/${id}`, { headers: auth })).json();
  expect(moved.starts_at).toBe(Date.UTC(2027, 2, 28, 1, 30));
  expect(moved.sales_close_at).toBe(moved.starts_at);

  // Cancelling asks first, saying that every paid ticket is refunded.
  await desktop.getByRole("button", { name: "Cancel event" }).click();
  await expect(desktop.getByTestId("cancel-confirmation")).toContainText("refunds every paid ticket");
  await desktop.getByRole("button", { name: "Keep the event" }).click();
  await expect(desktop.getByTestId("cancel-confirmation")).toHaveCount(0);
  await expect(desktop.getByTestId("event-state")).toHaveAttribute("data-state", "sales_closed");

  await openSimulator(page, `/?user=${CAMILLE}`);
  await page.getByTestId("sim-channel").selectOption({ label: "Shop News (@shop_news, channel: the bot is an admin)" });
  await expect(page.getByTestId("sim-channel-posts").getByTestId("sim-channel-post").filter({ hasText: name })).toHaveCount(1, { timeout: 10_000 });

  // Cancelled for real: the event says so, Layla's held order is cancelled, and the event
  // leaves the storefront's list; its page, from the channel post, says it is cancelled.
  await desktop.getByRole("button", { name: "Cancel event" }).click();
  await desktop.getByRole("button", { name: "Yes, cancel the event and refund" }).click();
  await expect(desktop.getByText("Cancelled: every paid ticket was refunded.")).toBeVisible({ timeout: 10_000 });
  await expect(desktop.getByTestId("event-state")).toHaveAttribute("data-state", "cancelled");
  const laylas = await (await request.get(`/api/orders/${checkoutOrder}`, { headers: { authorization: `tma ${await initData(request, LAYLA)}` } })).json();
  expect(laylas.status).toBe("cancelled");
  const listed = await (await request.get("/api/events")).json();
  expect(listed.map((event: { id: number }) => event.id)).not.toContain(id);
  const shown = await (await request.get(`/api/events/${id}`)).json();
  expect(shown.summary.availability).toBe("cancelled");
});
