// Booking the salon's haircut in the simulator (issue #18), as clients do. Camille (1003), whose
// Telegram speaks French, opens the haircut from the storefront ("Réserver"), picks Anna, the
// next Tuesday and 10:30, reads the summary, pays in the simulated sheet and sees the
// appointment and its voucher on the order page, and the bot's confirmation in French with the
// calendar file in the chat. (The salon serving a voucher at the desk: salon-day.spec.ts.) A second client, Ada, on a phone set to Tokyo's time, opens
// the haircut by its deep link (startapp=s_<id>): that Tuesday no longer offers 10:30 with
// Anna, and each time shows hers beside the salon's. Another test walks the flow forward and
// back with the BackButton, down to the list of services and the storefront.
//
// Times: the salon is in Paris, and so is the first client's browser: no "your time" shows; the
// Tuesday is the first at least two days ahead where Anna is still free at 10:30 (the next one
// on a fresh database; a later one when an earlier run booked it).
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from "@playwright/test";
import { ADA, initData, nextTuesday, openSimulator, salonInParis } from "./support";

const CAMILLE = 1003;
// Another client, who holds a time (Wei is kept without orders for orders.spec.ts).
const LAYLA = 1004;

test.use({ timezoneId: "Europe/Paris" });

test.beforeEach(async ({ request }) => salonInParis(request));

type Haircut = { id: number; anna: number; annasVariant: number };

/** The demo's haircut and Anna's staff id and variant, from the public services API. */
async function haircut(request: APIRequestContext): Promise<Haircut> {
  const services = await (await request.get("/api/services")).json();
  const service = services.find((s: { name: string }) => s.name.startsWith("Haircut"));
  expect(service, "the demo's haircut is a service").toBeTruthy();
  const anna = service.staff.find((s: { name: string }) => s.name === "Anna");
  return { id: service.id, anna: anna.id, annasVariant: anna.variant_id };
}


/** Anna's free times on `date`, on the salon's clock. */
async function annasTimes(request: APIRequestContext, service: Haircut, date: string): Promise<string[]> {
  const answer = await request.get(`/api/services/${service.id}/slots?date=${date}&staff=${service.anna}`);
  expect(answer.status()).toBe(200);
  return (await answer.json()).slots.map((s: { time: string }) => s.time);
}

async function tuesdayWithAnnaAt1030(request: APIRequestContext, service: Haircut): Promise<string> {
  for (let weeks = 0; weeks < 7; weeks++) {
    const date = nextTuesday(weeks);
    if ((await annasTimes(request, service, date)).includes("10:30")) return date;
  }
  throw new Error("Anna is not free at 10:30 on any Tuesday of the next weeks");
}

/** Picks `who`, then `date` on the strip; the day's free times. */
async function pickDay(shop: FrameLocator, who: string, date: string) {
  await shop.getByTestId("staff-member").filter({ hasText: who }).click();
  await shop.getByTestId("date-strip").locator(`[data-date="${date}"]`).click();
  const times = shop.getByTestId("times");
  await expect(times).toBeVisible({ timeout: 10_000 });
  return times;
}

test("a French client books a haircut with Anna on Tuesday at 10:30 and pays; another no longer sees it", async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const service = await haircut(request);
  const tuesday = await tuesdayWithAnnaAt1030(request, service);

  // The storefront's card says "Réserver" and opens the booking page.
  const shop = await openSimulator(page, `/?user=${CAMILLE}`);
  await expect(shop.locator("html")).toHaveAttribute("lang", "fr");
  await expect(shop.locator('main[data-hydrated="true"]')).toBeVisible({ timeout: 15_000 });
  const card = shop.getByTestId("product-card").filter({ hasText: "Coupe et coiffage" });
  await card.getByRole("link", { name: "Réserver Coupe et coiffage (45 min)" }).click();
  await expect(shop.getByTestId("service-name")).toHaveText("Coupe et coiffage (45 min)", { timeout: 10_000 });
  await expect(shop.getByTestId("booking")).toContainText("45 min");

  // Who: Anna and Malik at their prices, and anyone since there are two.
  await expect(shop.getByTestId("staff-member")).toHaveText([/Anna.*Coiffeur senior.*48,00 €/, /Malik.*Coiffeur junior.*35,00 €/]);
  await expect(shop.getByTestId("staff-anyone")).toContainText("Sans préférence");
  const times = await pickDay(shop, "Anna", tuesday);
  await expect(shop.getByTestId("chosen-who")).toHaveText("Avec Anna · Coiffeur senior");
  await expect(shop.getByTestId("times-heading")).toContainText("mardi");
  await expect(shop.getByTestId("salon-clock")).toHaveCount(0);
  const ten30 = times.locator('[data-time="10:30"]');
  await expect(ten30).toHaveText("10:30");

  // The summary, and the MainButton's price.
  const mainButton = page.getByTestId("sim-main-button");
  await expect(mainButton).toBeHidden();
  await ten30.click();
  const summary = shop.getByTestId("booking-summary");
  await expect(summary.getByTestId("summary-service")).toHaveText("Coupe et coiffage (45 min)");
  await expect(summary.getByTestId("summary-staff")).toHaveText("Anna · Coiffeur senior");
  await expect(summary.getByTestId("summary-when")).toContainText("mardi");
  await expect(summary.getByTestId("summary-when")).toContainText("10:30");
  await expect(summary.getByTestId("summary-price")).toHaveText("48,00 €");
  await expect(mainButton).toHaveText("Payer 48,00 €");

  // Paid in the simulated sheet (the invoice asks for a name and a phone number).
  await mainButton.click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeVisible({ timeout: 10_000 });
  await page.getByTestId("sim-pay").click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeHidden();
  await expect(shop.getByTestId("order-status")).toHaveAttribute("data-status", "paid", { timeout: 20_000 });
  const appointment = shop.getByTestId("appointment");
  await expect(appointment).toHaveCount(1);
  // The service under the name the merchant gave it in French (the demo carries it).
  await expect(appointment).toContainText("Coupe et coiffage (45 min)");
  await expect(appointment.getByTestId("appointment-staff")).toHaveText("Avec Anna");
  await expect(appointment.getByTestId("appointment-when")).toContainText("10:30");
  await expect(appointment.getByTestId("appointment-when")).toContainText("mardi");
  await expect(appointment).toHaveAttribute("data-status", "booked");
  await expect(appointment.getByTestId("appointment-status")).toHaveText("Confirmé");
  // Booking again leads to the service's page, where a time is chosen anew.
  await expect(shop.getByTestId("book-again")).toHaveText("Réserver à nouveau");
  // The voucher to show at the desk: a QR code and its short code, valid.
  const voucher = shop.getByTestId("voucher");
  await expect(voucher).toHaveCount(1);
  await expect(voucher).toHaveAttribute("data-status", "valid");
  await expect(voucher.locator("svg")).toBeVisible();
  await expect(voucher.getByTestId("voucher-code")).not.toBeEmpty();

  // The bot confirms in French, with the calendar file to add it to her calendar.
  const chat = page.getByTestId("sim-chat");
  await expect(chat).toContainText("Votre rendez-vous est réservé : Coupe et coiffage (45 min) avec Anna, mardi", {
    timeout: 10_000,
  });
  await expect(chat).toContainText("à 10:30 (Europe/Paris)");
  const file = chat.locator(".chat__document").last();
  await expect(file).toHaveText(/📎 appointment-\d+\.ics/);
  const ics = await (await request.get((await file.getAttribute("href"))!)).text();
  expect(ics).toContain("BEGIN:VEVENT");
  expect(ics).toContain("SUMMARY:Coupe et coiffage (45 min) — Anna");

  // A second client, in Tokyo, opens the haircut by its link: 10:30 with Anna is gone.
  const tokyo = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  try {
    const other = await tokyo.newPage();
    const second = await openSimulator(other, `/?user=${ADA}&startapp=s_${service.id}`);
    await expect(second.getByTestId("service-name")).toHaveText("Haircut & Styling (45 min)", { timeout: 10_000 });
    const theirs = await pickDay(second, "Anna", tuesday);
    await expect(theirs.locator('[data-time="09:00"]')).toBeVisible();
    await expect(theirs.locator('[data-time="10:30"]')).toHaveCount(0);
    // The phone is elsewhere: the salon's clock is said, and each time shows the client's too.
    await expect(second.getByTestId("salon-clock")).toContainText("Europe/Paris");
    await expect(theirs.locator('[data-time="09:00"]')).toContainText(/9:00\sAM.*your time/);
    expect(await annasTimes(request, service, tuesday)).not.toContain("10:30");
  } finally {
    await tokyo.close();
  }
});

test("a time taken while the client reads the summary is said, and the day's times no longer offer it", async ({
  page,
  request,
}) => {
  const service = await haircut(request);
  const tuesday = nextTuesday(1);
  // An afternoon time still free with Anna (10:30 is the other test's).
  const slots = (await (await request.get(`/api/services/${service.id}/slots?date=${tuesday}&staff=${service.anna}`)).json()).slots;
  const free = slots.find((s: { time: string }) => s.time >= "14:00");
  expect(free, `Anna has a free afternoon on ${tuesday}`).toBeTruthy();

  const shop = await openSimulator(page, `/?user=${ADA}&startapp=s_${service.id}`);
  const times = await pickDay(shop, "Anna", tuesday);
  await times.locator(`[data-time="${free.time}"]`).click();
  const mainButton = page.getByTestId("sim-main-button");
  await expect(mainButton).toHaveText("Pay 48,00 €");

  // Meanwhile another client's checkout holds that time.
  const taken = await request.post("/api/checkout", {
    headers: { authorization: `tma ${await initData(request, LAYLA)}` },
    data: { lines: [{ variant_id: service.annasVariant, quantity: 1, appointment: { starts_at: free.starts_at, staff: service.anna } }] },
  });
  expect(taken.status(), await taken.text()).toBe(200);

  // Checkout refuses it (409 slot_taken): the page says so and offers the day's other times.
  await mainButton.click();
  await expect(shop.getByTestId("slot-taken")).toContainText("was just booked");
  await expect(page.getByTestId("sim-payment-sheet")).toBeHidden();
  await expect(shop.getByTestId("booking")).toHaveAttribute("data-step", "time");
  await expect(mainButton).toBeHidden();
  await expect(shop.getByTestId("times").locator('[data-time="09:00"]')).toBeVisible();
  await expect(shop.getByTestId("times").locator(`[data-time="${free.time}"]`)).toHaveCount(0);
});

/** The BackButton of the simulator. */
function back(page: Page) {
  return page.getByTestId("sim-back-button").click();
}

test("the booking flow steps back with the BackButton, to the services and the storefront", async ({ page, request }) => {
  const service = await haircut(request);
  const shop = await openSimulator(page, `/?startapp=s_${service.id}`);
  const booking = shop.getByTestId("booking");
  await expect(booking).toHaveAttribute("data-step", "who", { timeout: 10_000 });
  await expect(shop.getByTestId("staff-anyone")).toContainText("Anyone available");

  // Anyone: the strip has free days; the first one's first time leads to the summary.
  await shop.getByTestId("staff-anyone").click();
  await expect(shop.getByTestId("chosen-who")).toHaveText("Anyone available");
  const free = shop.getByTestId("date-strip").locator("button.day--free");
  await expect(free.first()).toBeVisible({ timeout: 10_000 });
  await free.first().click();
  await expect(booking).toHaveAttribute("data-step", "time");
  await shop.getByTestId("time").first().click();
  await expect(booking).toHaveAttribute("data-step", "summary");
  await expect(shop.getByTestId("summary-staff")).toHaveText(/^(Anna · Senior stylist|Malik · Junior stylist)$/);
  const mainButton = page.getByTestId("sim-main-button");
  await expect(mainButton).toHaveText(/^Pay (48|35),00 €$/);

  // Back: the times, the days, whom, then the list of services, then the storefront.
  await back(page);
  await expect(booking).toHaveAttribute("data-step", "time");
  await expect(mainButton).toBeHidden();
  await back(page);
  await expect(booking).toHaveAttribute("data-step", "day");
  await back(page);
  await expect(booking).toHaveAttribute("data-step", "who");
  await back(page);
  const list = shop.getByTestId("service-list");
  await expect(list).toBeVisible({ timeout: 10_000 });
  await expect(list.getByTestId("service-card")).toHaveText([/Haircut & Styling.*45 min.*from 35,00 €/, /Gel Manicure.*60 min.*30,00 €/]);
  await back(page);
  await expect(shop.getByRole("heading", { name: "Handmade" })).toBeVisible();
});

test("a product link to a service opens its booking page", async ({ page, request }) => {
  const service = await haircut(request);
  const shop = await openSimulator(page, `/?startapp=p_${service.id}`);
  await expect(shop.getByTestId("booking")).toBeVisible({ timeout: 10_000 });
  await expect(shop.getByTestId("service-name")).toHaveText("Haircut & Styling (45 min)");
});
