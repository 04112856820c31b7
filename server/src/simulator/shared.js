// Shared invoices in the simulated client's channel view (Telegram's Payments 2.0): an invoice
// the bot posted into a group or channel shows its title, description and price with a Pay
// button that any member may press — the tester picks which test user pays, so several users
// can pay the same invoice, each through the payment sheet (sheet.js) as that user. "Forward"
// copies the message into another chat: a multi-chat invoice keeps its Pay button there; a
// single-chat one shows the bot's deep link instead (t.me/<bot>?start=…), which sends /start
// with its parameter to the bot as the user picked at the top.
(function () {
  "use strict";
  const api = "/simulator/telegram";

  function money(amount, currency) {
    if (currency === "XTR") return "⭐ " + amount;
    return (amount / 100).toFixed(2) + " " + currency;
  }

  // The test users, as the page's own user picker lists them.
  function users() {
    return [...document.querySelectorAll("#user option")].map((o) => ({ id: o.value, name: o.textContent }));
  }

  async function chats() {
    const answer = await fetch(api + "/channels").then((r) => r.json()).catch(() => ({ chats: [] }));
    return answer.chats;
  }

  // The invoice part of an invoice message in chat `chatId`.
  function invoice(message, chatId) {
    const box = document.createElement("div");
    box.className = "post__invoice";
    box.dataset.testid = "sim-invoice";
    const title = document.createElement("strong");
    title.textContent = message.invoice.title;
    const description = document.createElement("p");
    description.textContent = message.invoice.description;
    const price = document.createElement("p");
    price.dataset.testid = "sim-invoice-price";
    price.textContent = money(message.invoice.total_amount, message.invoice.currency);
    box.append(title, description, price);
    if (message.forward_origin) {
      const origin = message.forward_origin.chat || message.forward_origin.sender_chat || {};
      const note = document.createElement("p");
      note.className = "hint";
      note.textContent = "Forwarded from " + (origin.title || "a chat");
      box.prepend(note);
    }
    // A bot's sendInvoice names its slug `sim_invoice`; a message sent via the bot (inline mode,
    // a prepared message shared from the Mini App) `simulator_invoice`.
    const slug = message.sim_invoice || message.simulator_invoice;
    if (slug) box.append(payRow(slug));
    box.append(forwardRow(message, chatId));
    return box;
  }

  // "Pay as <user>": the payment sheet for that user.
  function payRow(slug) {
    const row = document.createElement("div");
    const payer = Object.assign(document.createElement("select"), { className: "post__payer" });
    payer.setAttribute("aria-label", "Who pays");
    payer.dataset.testid = "sim-invoice-payer";
    payer.append(...users().map((u) => new Option(u.name, u.id)));
    const pay = Object.assign(document.createElement("button"), { type: "button", className: "chat__button" });
    pay.textContent = "Pay";
    pay.dataset.testid = "sim-invoice-pay";
    pay.addEventListener("click", () => {
      const status = document.createElement("span");
      status.dataset.testid = "sim-invoice-status";
      window.SimulatorSheet.open(slug, Number(payer.value), (outcome) => {
        status.textContent = " " + outcome;
        row.append(status);
      });
    });
    row.append(payer, " ", pay);
    return row;
  }

  // "Forward to <chat>".
  function forwardRow(message, chatId) {
    const row = document.createElement("div");
    const where = Object.assign(document.createElement("select"), { className: "post__forward" });
    where.setAttribute("aria-label", "Forward to");
    where.dataset.testid = "sim-invoice-forward-to";
    chats().then((all) => where.append(...all.filter((c) => String(c.id) !== String(chatId))
      .map((c) => new Option(c.title, String(c.id)))));
    const forward = Object.assign(document.createElement("button"), { type: "button", className: "chat__button" });
    forward.textContent = "Forward";
    forward.dataset.testid = "sim-invoice-forward";
    forward.addEventListener("click", () => {
      if (!where.value) return;
      fetch(api + "/chats/" + where.value + "/forward", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ from_chat_id: Number(chatId), message_id: message.message_id }),
      });
    });
    row.append(where, " ", forward);
    return row;
  }

  // t.me/<bot>?start=<parameter>: Telegram opens the chat with the bot and sends /start.
  function start(parameter, userId) {
    return fetch(api + "/chats/" + userId + "/messages", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: "/start " + parameter }),
    });
  }

  window.SimulatorShared = { invoice, start };
})();
