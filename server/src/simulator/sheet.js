// The simulated Telegram client's payment sheet and chat with the bot. The sheet shows an
// invoice the bot created, asks the bot for shipping options (a shipping_query), lets the tester
// add a tip, pay, make the card fail, or cancel; the fake Telegram then delivers the
// pre_checkout_query and successful_payment updates to the shop. The chat shows the bot's
// messages; its web_app buttons open the Mini App like Telegram does.
(function () {
  "use strict";
  const api = "/simulator/telegram";
  const $ = (id) => document.getElementById(id);
  const sheet = $("sheet");
  let current = null; // { slug, invoice, userId, onClosed, options, option, tip }

  function money(amount, currency) {
    if (currency === "XTR") return "⭐ " + amount;
    return (amount / 100).toFixed(2) + " " + currency;
  }

  function total() {
    const items = current.invoice.prices.reduce((sum, p) => sum + p.amount, 0);
    const option = (current.options || []).find((o) => o.id === current.option);
    const shipping = option ? option.prices.reduce((sum, p) => sum + p.amount, 0) : 0;
    return items + shipping + current.tip;
  }

  function render() {
    const invoice = current.invoice;
    $("sheet-title").textContent = invoice.title;
    $("sheet-description").textContent = invoice.description;
    $("sheet-prices").replaceChildren(...invoice.prices.map((p) => {
      const item = document.createElement("li");
      item.textContent = p.label + " — " + money(p.amount, invoice.currency);
      return item;
    }));
    $("sheet-shipping").hidden = !invoice.is_flexible;
    $("sheet-options").replaceChildren(...(current.options || []).map((o) => {
      const label = document.createElement("label");
      const radio = Object.assign(document.createElement("input"), { type: "radio", name: "option", value: o.id });
      radio.checked = current.option === o.id;
      radio.addEventListener("change", () => { current.option = o.id; render(); });
      const price = o.prices.reduce((sum, p) => sum + p.amount, 0);
      label.append(radio, " " + o.title + " — " + money(price, invoice.currency));
      return label;
    }));
    const tips = invoice.suggested_tip_amounts || [];
    $("sheet-tips").hidden = !invoice.max_tip_amount;
    $("sheet-tip-buttons").replaceChildren(...[0, ...tips].map((amount) => {
      const button = Object.assign(document.createElement("button"), { type: "button" });
      button.textContent = amount ? money(amount, invoice.currency) : "No tip";
      button.className = current.tip === amount ? "tip tip--chosen" : "tip";
      button.addEventListener("click", () => { current.tip = amount; render(); });
      return button;
    }));
    $("sheet-total").textContent = money(total(), invoice.currency);
  }

  function address() {
    return { country_code: $("ship-country").value, state: "", city: $("ship-city").value,
      street_line1: $("ship-street").value, street_line2: "", post_code: $("ship-post-code").value };
  }

  function orderInfo() {
    const invoice = current.invoice;
    const info = {};
    if (invoice.need_name) info.name = $("buyer-name").value;
    if (invoice.need_phone_number) info.phone_number = $("buyer-phone").value;
    if (invoice.need_email) info.email = $("buyer-email").value;
    if (invoice.need_shipping_address) info.shipping_address = address();
    return Object.keys(info).length ? info : undefined;
  }

  async function post(path, body) {
    const response = await fetch(api + path, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((answer.error && answer.error.message) || "status " + response.status);
    return answer;
  }

  async function quote() {
    $("sheet-error").textContent = "";
    try {
      const answer = await post("/invoices/" + current.slug + "/shipping",
        { user_id: current.userId, shipping_address: address() });
      current.options = answer.ok ? answer.shipping_options : [];
      current.option = current.options.length ? current.options[0].id : null;
      if (!answer.ok) $("sheet-error").textContent = answer.error_message;
      render();
    } catch (error) { $("sheet-error").textContent = error.message; }
  }

  async function pay(outcome) {
    $("sheet-error").textContent = "";
    $("sheet-pay").disabled = true;
    try {
      const answer = await post("/invoices/" + current.slug + "/pay", { user_id: current.userId, outcome,
        shipping_option_id: current.option || undefined, tip_amount: current.tip, order_info: orderInfo() });
      if (answer.status === "paid" || answer.status === "failed") close(answer.status);
      else $("sheet-error").textContent = answer.error_message || answer.status;
    } catch (error) { $("sheet-error").textContent = error.message; }
    $("sheet-pay").disabled = false;
  }

  function close(status) {
    sheet.hidden = true;
    const done = current;
    current = null;
    done.onClosed(status);
  }

  async function open(slug, userId, onClosed) {
    const response = await fetch(api + "/invoices/" + encodeURIComponent(slug));
    if (!response.ok) return onClosed("failed");
    current = { slug, invoice: await response.json(), userId, onClosed, options: null, option: null, tip: 0 };
    $("buyer-fields").hidden = !(current.invoice.need_name || current.invoice.need_phone_number || current.invoice.need_email);
    $("sheet-error").textContent = "";
    render();
    sheet.hidden = false;
  }

  $("sheet-quote").addEventListener("click", quote);
  $("sheet-pay").addEventListener("click", () => pay("pay"));
  $("sheet-fail").addEventListener("click", () => pay("fail"));
  $("sheet-cancel").addEventListener("click", () => close("cancelled"));

  // The chat: the bot's messages, refreshed every second.
  let chatUser = null;
  let openApp = null;
  let shown = "";
  async function refreshChat() {
    if (chatUser === null) return;
    const messages = await fetch(api + "/chats/" + chatUser).then((r) => r.json()).catch(() => []);
    const key = JSON.stringify(messages);
    if (key === shown) return;
    shown = key;
    $("chat").replaceChildren(...messages.map((message) => {
      const item = document.createElement("li");
      item.className = "chat__message";
      if (message.document) {
        // A file the bot sent (an appointment's calendar file): its name, to download.
        const file = Object.assign(document.createElement("a"), {
          className: "chat__document", href: api + "/files/" + encodeURIComponent(message.document.file_id),
          download: message.document.file_name,
        });
        file.textContent = "📎 " + message.document.file_name;
        item.append(file, document.createElement("br"));
      }
      item.append(message.caption !== undefined ? message.caption : message.text || "");
      const rows = (message.reply_markup && message.reply_markup.inline_keyboard) || [];
      rows.flat().forEach((button) => {
        if (button.web_app) {
          const open = Object.assign(document.createElement("button"), { type: "button", className: "chat__button" });
          open.textContent = button.text;
          open.addEventListener("click", () => openApp && openApp(button.web_app.url));
          item.append(open);
        } else if (button.url) {
          // A URL button: a t.me link opens inside Telegram (a Mini App link opens the app),
          // any other in the browser.
          const link = Object.assign(document.createElement("a"), {
            className: "chat__button", href: button.url, target: "_blank", rel: "noopener noreferrer",
          });
          link.textContent = button.text;
          link.addEventListener("click", (event) => {
            if (!window.SimulatorClient || link.hostname !== "t.me") return;
            event.preventDefault();
            window.SimulatorClient.openLink(button.url, "private");
          });
          item.append(link);
        }
      });
      return item;
    }));
  }
  setInterval(refreshChat, 1000);
  $("chat-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = $("chat-text").value.trim();
    if (!text || chatUser === null) return;
    $("chat-text").value = "";
    await post("/chats/" + chatUser + "/messages", { text }).catch(() => {});
    setTimeout(refreshChat, 300);
  });

  window.SimulatorSheet = {
    open,
    chatWith(userId, opener) { chatUser = userId; openApp = opener; shown = ""; refreshChat(); },
  };
})();
