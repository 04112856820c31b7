// Changing an appointment from the order page (issue #18, the client's last bullet). Ada books
// Anna on a Tuesday at 14:00 and pays in the simulated sheet; on the order page the
// appointment says until when it can be changed; "Reschedule" opens the haircut's booking
// page in move mode, whose MainButton says "Move to …" and moves it to 15:00, back on the
// order page; then "Cancel appointment", confirmed inline, cancels it: the page says what
// happens to the money (a card refund due from the salon) and the order reloads, its
// appointment cancelled and its voucher revoked.
//
// Times: the salon is in Paris (as booking.spec.ts sets it); the Tuesday is the first at least
// two days ahead where Anna is free at 14:00 and 15:00 (times booking.spec.ts does not use).
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADA, nextTuesday, openSimulator, salonInParis } from "./support";

test.use({ timezoneId: "Europe/Paris" });

test.beforeEach(async ({ request }) => salonInParis(request));

type Haircut = { id: number; anna: number };

async function haircut(request: APIRequestContext): Promise<Haircut> {
  const services = await (await request.get("/api/services")).json();
  const service = services.find((s: { name: string }) => s.name.startsWith("Haircut"));
  expect(service, "the demo's haircut is a service").toBeTruthy();
  const anna = service.staff.find((s: { name: string }) => s.name === "Anna");
  return { id: service.id, anna: anna.id };
}


async function tuesdayWithAnnaFree(request: APIRequestContext, service: Haircut): Promise<string> {
  for (let weeks = 0; weeks < 7; weeks++) {
    const date = nextTuesday(weeks);
    const answer = await request.get(`/api/services/${service.id}/slots?date=${date}&staff=${service.anna}`);
    const times = (await answer.json()).slots.map((s: { time: string }) => s.time);
    if (times.includes("14:00") && times.includes("15:00")) return date;
  }
  throw new Error("Anna is not free at 14:00 and 15:00 on any Tuesday of the next weeks");
}

test("a client moves a paid appointment to another time from the order page, then cancels it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const service = await haircut(request);
  const tuesday = await tuesdayWithAnnaFree(request, service);
  const mainButton = page.getByTestId("sim-main-button");

  // Booked and paid: Anna, Tuesday, 14:00.
  const shop = await openSimulator(page, `/?user=${ADA}&startapp=s_${service.id}`);
  await shop.getByTestId("staff-member").filter({ hasText: "Anna" }).click();
  await shop.getByTestId("date-strip").locator(`[data-date="${tuesday}"]`).click();
  await shop.getByTestId("times").locator('[data-time="14:00"]').click();
  await expect(mainButton).toHaveText(/^Pay /);
  await mainButton.click();
  await expect(page.getByTestId("sim-payment-sheet")).toBeVisible({ timeout: 10_000 });
  await page.getByTestId("sim-pay").click();
  await expect(shop.getByTestId("order-status")).toHaveAttribute("data-status", "paid", { timeout: 20_000 });
  const appointment = shop.getByTestId("appointment");
  await expect(appointment.getByTestId("appointment-when")).toContainText(/2:00\sPM/);
  await expect(appointment.getByTestId("changeable-until")).toContainText("You can change it until");

  // Reschedule: the booking page in move mode; its MainButton moves the appointment.
  await appointment.getByTestId("reschedule-appointment").click();
  await shop.getByTestId("staff-member").filter({ hasText: "Anna" }).click();
  await shop.getByTestId("date-strip").locator(`[data-date="${tuesday}"]`).click();
  await shop.getByTestId("times").locator('[data-time="15:00"]').click();
  await expect(mainButton).toHaveText(/^Move to .*3:00\sPM/);
  await mainButton.click();
  await expect(shop.getByTestId("order-status")).toBeVisible({ timeout: 10_000 });
  await expect(appointment.getByTestId("appointment-when")).toContainText(/3:00\sPM/);
  await expect(appointment).toHaveAttribute("data-status", "booked");

  // Cancel, confirmed inline: the refund is said and the order reloads, cancelled.
  await appointment.getByTestId("cancel-appointment").click();
  await appointment.getByTestId("confirm-cancel").click();
  // Paid by card, in a salon that refunds cancellations: the salon refunds it with its provider
  // (the order stays paid until it records the refund); the voucher is revoked.
  await expect(shop.getByTestId("appointment-outcome")).toHaveText(
    "Cancelled. The salon will refund your card payment.",
    { timeout: 10_000 },
  );
  await expect(appointment).toHaveAttribute("data-status", "cancelled");
  await expect(appointment.getByTestId("appointment-status")).toHaveText("Cancelled");
  await expect(shop.getByTestId("order-status")).toHaveAttribute("data-status", "paid");
  await expect(shop.getByTestId("voucher")).toHaveAttribute("data-status", "revoked");
  await expect(appointment.getByTestId("cancel-appointment")).toHaveCount(0);
});
