// The salon's day and desk, used as the salon would. Appointments are booked through the API
// (checkout with a chosen time, then the simulator's payment sheet), as a client's booking
// pages would, by Layla (1004), with Malik on the last bookable day: far from the Tuesdays the
// other specs book.
// - On a computer, Camille (1003) opens Salon → Day, picks the date and Malik, sees Layla's two
//   appointments with his name, @username and orders, marks one served (its voucher is then
//   checked in) and cancels the other after a confirmation (the card refund is due).
// - In the simulator, Camille's door scanner offers "Salon desk" first (in French, her
//   language); an appointment the salon moved to today is served by scanning its voucher, and
//   the same voucher again is "already served". A staff member working all day is added for
//   that, and archived at the end.
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from "@playwright/test";
import { adminAuthorization, adminOnComputer, initData, openSimulator } from "./support";

const LAYLA = 1004;
const CAMILLE = 1003;
const MINUTE = 60_000;

type Slot = { starts_at: number; time: string; staff: number[] };
type Performer = { id: number; name: string; variant_id: number };
type Service = { id: number; name: string; time_zone: string; staff: Performer[] };

/** The demo's haircut, and Malik who performs it. */
async function haircutWithMalik(request: APIRequestContext): Promise<{ haircut: Service; malik: Performer }> {
  const services: Service[] = await (await request.get("/api/services")).json();
  const haircut = services.find((s) => s.name.startsWith("Haircut"));
  expect(haircut, "the demo's haircut is a service").toBeTruthy();
  const malik = haircut!.staff.find((s) => s.name === "Malik");
  expect(malik, "Malik performs it").toBeTruthy();
  return { haircut: haircut!, malik: malik! };
}

/** The free times of `staff` for `service` on the first or last date they have any. */
async function freeTimes(
  request: APIRequestContext,
  service: Service,
  staff: number,
  which: "first" | "last",
): Promise<{ date: string; slots: Slot[] }> {
  const strip = await (await request.get(`/api/services/${service.id}/dates?staff=${staff}`)).json();
  expect(strip.dates.length).toBeGreaterThan(0);
  const date = which === "first" ? strip.dates[0] : strip.dates[strip.dates.length - 1];
  const day = await (await request.get(`/api/services/${service.id}/slots?date=${date}&staff=${staff}`)).json();
  return { date, slots: day.slots };
}

/** Layla books `startsAt` with `staff` at `variant` and pays in the simulator's sheet; the order. */
async function book(request: APIRequestContext, variant: number, staff: number, startsAt: number): Promise<number> {
  const auth = { authorization: `tma ${await initData(request, LAYLA)}` };
  const line = { variant_id: variant, quantity: 1, appointment: { starts_at: startsAt, staff } };
  const checkout = await request.post("/api/checkout", { headers: auth, data: { lines: [line] } });
  expect(checkout.status(), await checkout.text()).toBe(200);
  const answer = await checkout.json();
  const slug = String(answer.invoice_link).replace("https://t.me/$", "");
  const paid = await request.post(`/simulator/telegram/invoices/${slug}/pay`, {
    data: { user_id: LAYLA, order_info: { name: "Layla Haddad", phone_number: "+33600000000" } },
  });
  expect((await paid.json()).status).toBe("paid");
  await expect.poll(async () => (await order(request, answer.order_id)).status).toBe("paid");
  return answer.order_id;
}

/** Layla's order as he sees it. */
async function order(request: APIRequestContext, id: number) {
  const auth = { authorization: `tma ${await initData(request, LAYLA)}` };
  return (await request.get(`/api/orders/${id}`, { headers: auth })).json();
}

/** The salon scans `code` with the simulated scanner; the answer the page shows. */
async function scan(page: Page, shop: FrameLocator, code: string) {
  await shop.getByTestId("scan").click();
  await expect(page.getByTestId("sim-scanner")).toBeVisible();
  await page.getByTestId("sim-scanner-code").fill(code);
  await page.getByTestId("sim-scanner-scan").click();
  await expect(page.getByTestId("sim-scanner")).toBeHidden();
  return shop.getByTestId("door-answer");
}

test("the salon sees Layla's appointments in its day, serves one and cancels the other", async ({ browser, page, request }) => {
  test.setTimeout(90_000);
  const { haircut, malik } = await haircutWithMalik(request);
  const { date, slots } = await freeTimes(request, haircut, malik.id, "last");
  const [first, last] = [slots[0], slots[slots.length - 1]];
  expect(last.starts_at - first.starts_at, "two times an hour apart at least").toBeGreaterThanOrEqual(60 * MINUTE);
  const served = await book(request, malik.variant_id, malik.id, last.starts_at);
  const cancelled = await book(request, malik.variant_id, malik.id, first.starts_at);

  const desktop = await adminOnComputer(browser, page, CAMILLE);
  await desktop.getByRole("link", { name: "Salon", exact: true }).click();
  await desktop.getByRole("link", { name: "Day", exact: true }).click();
  await expect(desktop.getByRole("heading", { name: "Salon day", level: 1 })).toBeVisible();
  const controls = desktop.getByTestId("day-controls");
  await controls.getByLabel("Date").fill(date);
  const day = desktop.getByTestId("salon-day");
  await expect(day).toHaveAttribute("data-date", date);
  await controls.getByLabel("Staff member").selectOption({ label: "Malik" });
  const rows = day.getByTestId("salon-appointment");
  const row = (slot: Slot) => rows.filter({ hasText: `${slot.time}–` });
  await expect(row(last)).toHaveCount(1);
  await expect(row(first)).toHaveCount(1);
  for (const name of await rows.locator("td:nth-child(2)").allTextContents()) expect(name).toBe("Malik");
  await expect(row(last)).toContainText("Layla Haddad");
  await expect(row(last)).toContainText("@layla_test");
  await expect(row(last)).toContainText(`#${served}`);
  await expect(row(last)).toContainText("Haircut");
  await expect(row(last).getByTestId("appointment-status")).toHaveText("Booked");

  // Served from the list: the client's voucher is checked in.
  await row(last).getByRole("button", { name: /^Served ·/ }).click();
  await expect(row(last)).toHaveAttribute("data-status", "served");
  await expect(row(last).getByTestId("appointment-status")).toHaveText("Served");
  await expect(row(last).getByRole("button")).toHaveCount(0);
  expect((await order(request, served)).vouchers[0].status).toBe("checked_in");

  // Cancelled after a confirmation: the time is free again and the card refund is due.
  await row(first).getByRole("button", { name: /^Cancel ·/ }).click();
  const confirm = row(first).getByTestId("confirm-cancel");
  await expect(confirm).toContainText("The client is told and refunded.");
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(confirm).toHaveCount(0);
  await row(first).getByRole("button", { name: /^Cancel ·/ }).click();
  await confirm.getByRole("button", { name: /^Yes, cancel it/ }).click();
  await expect(desktop.getByTestId("day-note")).toContainText("Refund 35,00 € to the client's card with the payment provider");
  await expect(row(first)).toHaveCount(0);
  const gone = await order(request, cancelled);
  expect(gone.appointments[0].status).toBe("cancelled");
  expect(gone.vouchers[0].status).toBe("revoked");
  const again = await (await request.get(`/api/services/${haircut.id}/slots?date=${date}&staff=${malik.id}`)).json();
  expect(again.slots.map((s: Slot) => s.time)).toContain(first.time);
});

/** Minutes since midnight on the clock of `zone`, now. */
function minutesNow(zone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return part("hour") * 60 + part("minute");
}

test("at the desk the salon scans the voucher of today's appointment: served once", async ({ page, request }) => {
  test.setTimeout(90_000);
  const { haircut } = await haircutWithMalik(request);
  // The appointment is moved to a quarter of an hour from now, which must still be today.
  test.skip(minutesNow(haircut.time_zone) > 22 * 60 + 50, "too close to the salon's midnight");
  const auth = { authorization: await adminAuthorization(request, CAMILLE) };
  const services = (await (await request.get("/api/admin/salon/services", { headers: auth })).json()).services;
  const before = services.find((s: { product_id: number }) => s.product_id === haircut.id);
  const created = await request.post("/api/admin/salon/staff", {
    headers: auth,
    data: { name: `Desk ${Date.now() % 100000}` },
  });
  expect(created.status()).toBe(201);
  const staff = await created.json();
  try {
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "23:55" }));
    const hours = await request.put(`/api/admin/salon/staff/${staff.id}/hours`, { headers: auth, data: { ranges: everyDay } });
    expect(hours.status()).toBe(200);
    const variant = before.staff[0].variant_id;
    const saved = await request.put(`/api/admin/salon/services/${haircut.id}`, {
      headers: auth,
      data: { ...before, staff: [...before.staff, { staff_id: staff.id, variant_id: variant }] },
    });
    expect(saved.status(), await saved.text()).toBe(200);

    // Layla books the first time the clients may; the salon moves it to a quarter of an hour from now.
    const { slots } = await freeTimes(request, haircut, staff.id, "first");
    const id = await book(request, variant, staff.id, slots[0].starts_at);
    const appointment = (await order(request, id)).appointments[0];
    const soon = Math.ceil((Date.now() + 15 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE;
    const moved = await request.post(`/api/admin/salon/appointments/${appointment.id}/move`, {
      headers: auth,
      data: { starts_at: soon, staff_id: staff.id },
    });
    expect(moved.status(), await moved.text()).toBe(200);
    const code = (await order(request, id)).vouchers[0].code;

    // Camille's scanner, in French: the desk first, then the scan.
    const shop = await openSimulator(page, `/?user=${CAMILLE}&path=/shop/events/door`);
    await expect(shop.locator("html")).toHaveAttribute("lang", "fr");
    const picker = shop.getByTestId("door-event");
    await expect(picker).toHaveValue("desk", { timeout: 10_000 });
    await expect(picker.locator('option[value="desk"]')).toContainText("Accueil du salon");
    let answer = await scan(page, shop, code);
    await expect(answer).toHaveAttribute("data-outcome", "admitted");
    await expect(answer).toContainText("Client servi");
    await expect(answer).toContainText("Layla Haddad");
    await expect(answer).toContainText(staff.name);
    await expect(page.getByTestId("sim-events")).toContainText('"notification_type":"success"');
    expect((await order(request, id)).appointments[0].status).toBe("served");

    answer = await scan(page, shop, code);
    await expect(answer).toHaveAttribute("data-outcome", "already_checked_in");
    await expect(answer).toContainText("Déjà servi");
    await expect(answer).toContainText("Camille");
    await expect(picker.locator('option[value="desk"]')).toContainText(/\d+\/\d+ servis aujourd’hui/);
  } finally {
    await request.put(`/api/admin/salon/services/${haircut.id}`, { headers: auth, data: before });
    await request.post(`/api/admin/salon/staff/${staff.id}/archive`, { headers: auth });
  }
});
