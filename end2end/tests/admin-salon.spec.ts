// The salon's admin pages, used as a salon manager would: Camille (1003) adds a staff member,
// gives them Tuesday's hours with a lunch break (an overlapping range is refused beside the
// form), a day off and a blocked hour, adds them to the manicure at its price and sets the
// booking rules' step to 30 minutes (one over two hours is refused); the public free times of
// the next Tuesday then follow. At the end the step is back at 15 and the new staff member is
// archived, so other specs' slots are as the demo made them.
import { expect, test } from "@playwright/test";
import { adminAuthorization, adminOnComputer, nextTuesday } from "./support";

const CAMILLE = 1003;


test("a salon manager adds a staff member with their week, makes them do manicures and sets the step", async ({ browser, page, request }) => {
  test.setTimeout(90_000);
  const auth = { authorization: await adminAuthorization(request, CAMILLE) };
  const desktop = await adminOnComputer(browser, page, CAMILLE);
  const tuesday = nextTuesday();
  const dayOff = nextTuesday(1);
  try {
    // A new staff member.
    const name = `Zoé ${Date.now() % 100000}`;
    await desktop.getByRole("link", { name: "Salon", exact: true }).click();
    await expect(desktop.getByRole("heading", { name: "Salon", level: 1 })).toBeVisible();
    const create = desktop.getByTestId("new-staff");
    await create.getByLabel("Name").fill(name);
    await create.getByLabel("Telegram user id (optional)").fill("@zoe");
    await create.getByRole("button", { name: "Add staff member" }).click();
    await expect(create.getByRole("alert")).toContainText("positive whole number");
    await create.getByLabel("Telegram user id (optional)").fill("");
    await create.getByRole("button", { name: "Add staff member" }).click();
    await expect(desktop).toHaveURL(/\/admin\/salon\/staff\/\d+$/, { timeout: 15_000 });
    const id = Number(desktop.url().split("/").pop());
    await expect(desktop.getByRole("heading", { name, level: 1 })).toBeVisible();

    // Tuesday 09:00–12:30 and a second range overlapping it: refused beside the form.
    const week = desktop.getByTestId("staff-hours");
    await week.getByRole("button", { name: "Add a range on Tuesday" }).click();
    await week.getByRole("button", { name: "Add a range on Tuesday" }).click();
    const morning = week.getByTestId("hours-2-0");
    const afternoon = week.getByTestId("hours-2-1");
    await morning.getByLabel("From").fill("09:00");
    await morning.getByLabel("To").fill("12:30");
    await afternoon.getByLabel("From").fill("12:00");
    await afternoon.getByLabel("To").fill("18:00");
    await week.getByRole("button", { name: "Save hours" }).click();
    await expect(week.locator('[role="alert"][data-code="working_hours_invalid"]')).toBeVisible();
    // A third range, added and removed again.
    await week.getByRole("button", { name: "Add a range on Tuesday" }).click();
    await week.getByTestId("hours-2-2").getByRole("button", { name: "Remove range" }).click();
    await expect(week.getByTestId("hours-2-2")).toHaveCount(0);
    await afternoon.getByLabel("From").fill("13:30");
    await week.getByRole("button", { name: "Save hours" }).click();
    await expect(week.getByRole("alert")).toHaveCount(0);
    await expect
      .poll(async () => (await (await request.get(`/api/admin/salon/staff/${id}`, { headers: auth })).json()).hours)
      .toEqual([
        { weekday: 2, start: "09:00", end: "12:30" },
        { weekday: 2, start: "13:30", end: "18:00" },
      ]);

    // A day off the Tuesday after, and an hour blocked on the shop's clock.
    const daysOff = desktop.getByTestId("staff-days-off");
    await daysOff.getByLabel("Day off", { exact: true }).fill(dayOff);
    await daysOff.getByRole("button", { name: "Add day off" }).click();
    await expect(daysOff.getByTestId("day-off")).toHaveText([`${dayOff} Remove`]);
    const blocked = desktop.getByTestId("staff-blocked");
    await blocked.getByLabel("Blocked from").fill(`${tuesday}T15:00`);
    await blocked.getByLabel("Blocked until").fill(`${tuesday}T16:00`);
    await blocked.getByLabel("Reason").fill("Training");
    await blocked.getByRole("button", { name: "Block time" }).click();
    await expect(blocked.getByTestId("blocked-time")).toContainText(`${tuesday} 15:00 – ${tuesday} 16:00 Training`);

    // The manicure, performed by the new staff member at its one price; the haircut untouched.
    await desktop.getByRole("link", { name: "Services", exact: true }).click();
    const manicure = desktop.getByRole("form", { name: "Gel Manicure (60 min)" });
    await expect(manicure.getByTestId("service-state")).toHaveText("A service: clients book a time.");
    await expect(manicure.getByLabel("Duration (minutes)")).toHaveValue("60");
    await manicure.getByLabel(name).selectOption({ index: 1 });
    await manicure.getByRole("button", { name: "Save service" }).click();
    await expect(manicure.getByRole("alert")).toHaveCount(0);
    const services = (await (await request.get("/api/admin/salon/services", { headers: auth })).json()).services;
    const service = services.find((s: { name: string }) => s.name === "Gel Manicure (60 min)");
    expect(service.staff.map((s: { staff_id: number }) => s.staff_id)).toContain(id);
    const haircut = services.find((s: { name: string }) => s.name.startsWith("Haircut"));
    expect(haircut.staff).toHaveLength(2);

    // The rules: the defaults shown, a step over two hours refused, then a 30-minute step.
    await desktop.getByRole("link", { name: "Booking rules", exact: true }).click();
    const rules = desktop.getByTestId("booking-rules");
    await expect(rules.getByTestId("rules-defaults")).toContainText("a 15-minute step");
    await expect(rules.getByLabel("Slot step (minutes)")).toHaveValue("15");
    await expect(rules.getByLabel("Clients may book up to (days ahead)")).toHaveValue("60");
    await rules.getByLabel("Slot step (minutes)").fill("125");
    await rules.getByRole("button", { name: "Save rules" }).click();
    await expect(rules.locator('[role="alert"][data-code="booking_rules_invalid"]')).toBeVisible();
    await rules.getByLabel("Slot step (minutes)").fill("30");
    await rules.getByRole("button", { name: "Save rules" }).click();
    await expect(rules.getByRole("alert")).toHaveCount(0);
    await expect(rules.getByLabel("Slot step (minutes)")).toHaveValue("30");

    // The shop's free times follow: every 30 minutes, around the lunch break and the blocked hour.
    const slots = async (date: string) => {
      const answer = await request.get(`/api/services/${service.product_id}/slots?date=${date}&staff=${id}`);
      expect(answer.status()).toBe(200);
      return (await answer.json()).slots.map((s: { time: string }) => s.time);
    };
    await expect
      .poll(() => slots(tuesday))
      .toEqual(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:30", "14:00", "16:00", "16:30", "17:00"]);
    expect(await slots(dayOff)).toEqual([]);

    // Back as before: the step at 15 (through the page), the new staff member archived.
    await rules.getByLabel("Slot step (minutes)").fill("15");
    await rules.getByRole("button", { name: "Save rules" }).click();
    await expect(rules.getByRole("alert")).toHaveCount(0);
    await desktop.getByRole("link", { name: "Staff", exact: true }).click();
    await desktop.getByTestId("salon-staff").getByRole("link", { name }).click();
    await desktop.getByRole("button", { name: "Archive" }).click();
    await expect(desktop.getByTestId("staff-state")).toHaveAttribute("data-archived", "true");
  } finally {
    const rules = await (await request.get("/api/admin/salon/rules", { headers: auth })).json();
    await request.put("/api/admin/salon/rules", { headers: auth, data: { ...rules, step_minutes: 15 } });
  }
});
