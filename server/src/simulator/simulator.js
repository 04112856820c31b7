// The Telegram client side of the Mini Apps protocol, as Telegram Web speaks it: events from the
// app arrive as postMessage JSON strings {eventType, eventData}; events to the app go back the
// same way. Launch data comes signed from the server (/simulator/launch). Links to t.me open as
// Telegram opens them (a Mini App link launches the app), and the QR scanner popup stands in for
// the camera.
(function () {
  "use strict";
  let frame = document.getElementById("app");
  const mainButton = document.getElementById("main-button");
  const backButton = document.getElementById("back-button");
  // The Mini App's menu (⋮ in the header): Settings shows only once the app asks for it
  // (web_app_setup_settings_button), and tells it when picked (settings_button_pressed).
  const appMenu = document.getElementById("app-menu");
  const settingsItem = document.getElementById("menu-settings");
  const haptic = document.getElementById("haptic");
  const events = document.getElementById("events");
  const userSelect = document.getElementById("user");
  const notch = document.getElementById("notch");
  let themeParams = {};

  function safeArea() {
    return { top: notch.checked ? 44 : 0, bottom: notch.checked ? 34 : 0, left: 0, right: 0 };
  }

  function theme() {
    return document.querySelector('input[name="theme"]:checked').value;
  }

  function send(eventType, eventData) {
    if (frame.contentWindow) frame.contentWindow.postMessage(JSON.stringify({ eventType, eventData }), "*");
  }

  function log(text) {
    const item = document.createElement("li");
    item.textContent = text;
    events.appendChild(item);
    while (events.children.length > 200) events.removeChild(events.firstChild);
    events.scrollTop = events.scrollHeight;
  }

  async function launch(path, startParam, chatType) {
    const query = new URLSearchParams({ user: userSelect.value, theme: theme() });
    const start = startParam || new URLSearchParams(location.search).get("startapp");
    if (start) query.set("start_param", start);
    if (typeof path === "string") query.set("path", path);
    if (chatType) query.set("chat_type", chatType);
    closeScanner();
    window.SimulatorSheet.chatWith(Number(userSelect.value), (url) => launch(new URL(url, location.href).pathname));
    const answer = await fetch("/simulator/launch?" + query).then((r) => r.json());
    themeParams = answer.theme_params;
    mainButton.hidden = true;
    backButton.hidden = true;
    settingsItem.hidden = true;
    appMenu.open = false;
    // A new frame each launch: a URL differing only in its fragment would not reload the app.
    const fresh = frame.cloneNode(false);
    fresh.src = answer.url;
    frame.replaceWith(fresh);
    frame = fresh;
  }

  function setupMainButton(data) {
    mainButton.hidden = !data.is_visible;
    if (data.text !== undefined) mainButton.textContent = data.is_progress_visible ? "…" : data.text;
    mainButton.disabled = data.is_active === false;
    mainButton.setAttribute("aria-busy", String(Boolean(data.is_progress_visible)));
    mainButton.style.background = data.color || "";
    mainButton.style.color = data.text_color || "";
  }

  // web_app_open_tg_link: Telegram opens t.me links inside the client. A /share/url link opens
  // the "share to a chat" picker; here the shared message is listed, and tapping its link opens
  // the Mini App with the link's start parameter, as the friend it was sent to would.
  function openTelegramLink(data) {
    const link = new URL("https://t.me" + (data.path_full || ""));
    if (link.pathname !== "/share/url") return;
    const shared = link.searchParams.get("url") || "";
    const item = document.createElement("li");
    item.append(document.createTextNode((link.searchParams.get("text") || "") + " "));
    const anchor = document.createElement("a");
    anchor.href = shared;
    anchor.textContent = shared;
    anchor.dataset.testid = "sim-shared-link";
    anchor.addEventListener("click", (event) => {
      event.preventDefault();
      let target;
      try { target = new URL(shared); } catch (e) { return; }
      if (target.hostname === "t.me") launch(undefined, target.searchParams.get("startapp") || undefined);
    });
    item.append(anchor);
    document.getElementById("shared").append(item);
  }

  // A link tapped in a chat or a channel post, as Telegram opens it: the bot's Mini App
  // (t.me/<bot>/<app>?startapp=… — a direct link — or t.me/<bot>?startapp=…) opens in the
  // client with the start parameter in its launch data; other t.me links would open a chat;
  // anything else opens in the browser.
  const botUsername = (document.body.dataset.bot || "").toLowerCase();
  function openLink(url, chatType) {
    let link;
    try { link = new URL(url); } catch (e) { return; }
    if (link.hostname !== "t.me") {
      window.open(link.href, "_blank", "noopener,noreferrer");
      return;
    }
    const [bot, app] = link.pathname.split("/").filter(Boolean);
    // An invite link to a chat: Telegram asks to join (or joins) it.
    if (((bot || "").startsWith("+") || bot === "joinchat") && window.SimulatorSubscriptions) {
      log("open invite link " + link.href);
      window.SimulatorSubscriptions.openInvite(link.href);
      return;
    }
    // The bot's deep link (t.me/<bot>?start=…): the chat with the bot, where Start sends /start.
    if ((bot || "").toLowerCase() === botUsername && !app && link.searchParams.has("start") && window.SimulatorShared) {
      log("start the bot with " + link.searchParams.get("start"));
      window.SimulatorShared.start(link.searchParams.get("start"), Number(userSelect.value));
      return;
    }
    if ((bot || "").toLowerCase() === botUsername && (app || link.searchParams.has("startapp"))) {
      log("open Mini App " + link.href);
      launch(undefined, link.searchParams.get("startapp") || undefined, chatType);
    } else {
      log("Telegram would open " + link.href);
    }
  }

  // The QR scanner: the popup stays open for the next code until the app closes it
  // (web_app_close_scan_qr_popup) or the tester does, which tells the app (scan_qr_popup_closed).
  const scanner = document.getElementById("scanner");
  const scannerCode = document.getElementById("scanner-code");
  const scannerRead = document.getElementById("scanner-read");
  function openScanner(data) {
    document.getElementById("scanner-text").textContent = data.text || "";
    if (scanner.hidden) scannerRead.replaceChildren();
    scanner.hidden = false;
    scannerCode.focus();
  }
  function closeScanner() { scanner.hidden = true; }
  function scan(text) {
    if (scanner.hidden || !text) return;
    send("qr_text_received", { data: text });
    const item = document.createElement("li");
    const again = Object.assign(document.createElement("button"), { type: "button", textContent: text });
    again.addEventListener("click", () => scan(text));
    item.append(again);
    scannerRead.append(item);
  }
  document.getElementById("scanner-form").addEventListener("submit", (event) => {
    event.preventDefault();
    scan(scannerCode.value.trim());
    scannerCode.value = "";
  });
  document.getElementById("scanner-close").addEventListener("click", () => {
    closeScanner();
    send("scan_qr_popup_closed", {});
  });

  // web_app_request_file_download: Telegram asks the user whether to download the named file
  // (a popup), then downloads the URL and tells the app `file_download_requested` with
  // `downloading`, or `cancelled` when the user declined (or the request was malformed).
  function requestFileDownload(data) {
    let link;
    try { link = new URL(data.url); } catch (e) { link = null; }
    const name = typeof data.file_name === "string" ? data.file_name : "";
    if (!link || !/^https?:$/.test(link.protocol) || !name) {
      send("file_download_requested", { status: "cancelled" });
      return;
    }
    if (!window.confirm("Download " + name + "?")) {
      send("file_download_requested", { status: "cancelled" });
      return;
    }
    const anchor = Object.assign(document.createElement("a"), { href: link.href, download: name });
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    send("file_download_requested", { status: "downloading" });
  }

  const handlers = {
    web_app_open_tg_link: openTelegramLink,
    web_app_setup_main_button: setupMainButton,
    web_app_setup_back_button: (data) => { backButton.hidden = !data.is_visible; },
    web_app_setup_settings_button: (data) => { settingsItem.hidden = !data.is_visible; },
    web_app_request_theme: () => send("theme_changed", { theme_params: themeParams }),
    web_app_request_viewport: () => send("viewport_changed", {
      height: frame.clientHeight, width: frame.clientWidth, is_expanded: true, is_state_stable: true,
    }),
    web_app_request_safe_area: () => send("safe_area_changed", safeArea()),
    web_app_request_content_safe_area: () => send("content_safe_area_changed", { top: 0, bottom: 0, left: 0, right: 0 }),
    web_app_open_invoice: (data) => window.SimulatorSheet.open(data.slug, Number(userSelect.value),
      (status) => send("invoice_closed", { slug: data.slug, status })),
    web_app_open_scan_qr_popup: openScanner,
    web_app_close_scan_qr_popup: closeScanner,
    web_app_request_file_download: requestFileDownload,
    web_app_send_prepared_message: (data) => window.SimulatorInline.sendPrepared(data.id, Number(userSelect.value), send),
    web_app_trigger_haptic_feedback: () => {
      haptic.hidden = false;
      setTimeout(() => { haptic.hidden = true; }, 150);
    },
  };

  window.addEventListener("message", (event) => {
    if (event.source !== frame.contentWindow || typeof event.data !== "string") return;
    let message;
    try { message = JSON.parse(event.data); } catch (e) { return; }
    if (!message || typeof message.eventType !== "string") return;
    const data = message.eventData || {};
    log(message.eventType + (Object.keys(data).length ? " " + JSON.stringify(data) : ""));
    const handler = handlers[message.eventType];
    if (handler) handler(data);
  });

  notch.addEventListener("change", () => send("safe_area_changed", safeArea()));
  mainButton.addEventListener("click", () => send("main_button_pressed"));
  backButton.addEventListener("click", () => send("back_button_pressed"));
  settingsItem.addEventListener("click", () => {
    appMenu.open = false;
    send("settings_button_pressed");
  });
  document.getElementById("menu-reload").addEventListener("click", () => {
    appMenu.open = false;
    launch();
  });
  userSelect.addEventListener("change", () => launch());
  document.querySelectorAll('input[name="theme"]').forEach((input) => input.addEventListener("change", async () => {
    document.body.className = "theme-" + theme();
    const answer = await fetch("/simulator/launch?" + new URLSearchParams({ user: userSelect.value, theme: theme() }))
      .then((r) => r.json());
    themeParams = answer.theme_params;
    send("theme_changed", { theme_params: themeParams });
  }));
  window.SimulatorClient = { openLink };
  // `/?user=1003&path=/admin`: start as that test user, at that page of the Mini App.
  const opening = new URLSearchParams(location.search);
  if ([...userSelect.options].some((option) => option.value === opening.get("user"))) {
    userSelect.value = opening.get("user");
  }
  launch(opening.get("path") || undefined);
})();
