// Inline mode and prepared messages, as a Telegram client plays them.
//
// - Typing "@<bot> mug" in the composer under the channels and groups asks the bot (an
//   inline_query through the simulator's Bot API) and lists its results above the composer;
//   picking one posts it into the chosen chat as the user's message "via @<bot>" (an invoice
//   there can be paid by anyone in it).
// - web_app_send_prepared_message {id} from the Mini App opens the share dialog: the chats the
//   message may go to; the chosen one gets it (prepared_message_sent), Cancel answers
//   prepared_message_failed USER_DECLINED, an expired message MESSAGE_EXPIRED, anything else
//   MESSAGE_SEND_FAILED / UNKNOWN_ERROR.
(function () {
  "use strict";
  const api = "/simulator/telegram";
  const bot = (document.body.dataset.bot || "").toLowerCase();
  const userId = () => Number(document.getElementById("user").value);

  async function call(method, path, body) {
    const init = { method, headers: { "content-type": "application/json" } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(api + path, init);
    const answer = await response.json().catch(() => ({}));
    return { status: response.status, answer };
  }

  function element(tag, props, ...children) {
    const node = Object.assign(document.createElement(tag), props || {});
    children.forEach((child) => node.append(child));
    return node;
  }

  // ---- Inline queries typed in a chat --------------------------------------------------------

  const channelSelect = document.getElementById("channel");
  const results = element("ol", { className: "inline__results" });
  results.dataset.testid = "sim-inline-results";
  results.hidden = true;
  const input = element("input", { placeholder: "@" + bot + " mug — send a product here" });
  input.setAttribute("aria-label", "Message the chat");
  input.dataset.testid = "sim-group-input";
  const composer = element("form", { className: "chat__form inline__composer" }, input);
  const status = element("p", { className: "hint" });
  status.setAttribute("role", "status");
  status.dataset.testid = "sim-inline-status";
  document.getElementById("channel-posts").after(results, composer, status);

  let asked = "";
  let pending = null;

  // The query after "@<bot> ", or null when the text does not start with the bot's name.
  function inlineQuery(text) {
    const match = /^@(\w+)(?:\s+([\s\S]*))?$/.exec(text);
    if (!match || match[1].toLowerCase() !== bot) return null;
    return match[2] || "";
  }

  function chatType() {
    const option = channelSelect.selectedOptions[0];
    return option && /channel/.test(option.textContent) ? "channel" : "supergroup";
  }

  async function ask(query, offset, into) {
    const { status: code, answer } = await call("POST", "/inline/queries", {
      user_id: userId(), query, offset, chat_type: chatType(),
    });
    if (code !== 200) {
      status.textContent = (answer.error && answer.error.message) || "The bot did not answer.";
      return;
    }
    const { query_id: queryId, answer: reply } = answer;
    reply.results.forEach((result) => into.append(resultItem(queryId, result)));
    if (reply.next_offset) {
      const more = element("button", { type: "button", className: "chat__button", textContent: "More results" });
      more.dataset.testid = "sim-inline-more";
      const item = element("li", {}, more);
      more.addEventListener("click", () => { item.remove(); ask(query, reply.next_offset, into); });
      into.append(item);
    }
    if (!reply.results.length && !offset) status.textContent = "No results.";
  }

  function resultItem(queryId, result) {
    const pick = element("button", { type: "button", className: "inline__result" });
    pick.dataset.testid = "sim-inline-result";
    if (result.thumbnail_url) {
      pick.append(element("img", { src: result.thumbnail_url, alt: "", width: 40, height: 40, className: "inline__thumb" }));
    }
    pick.append(element("span", {},
      element("strong", { textContent: result.title || "" }),
      element("br"),
      element("span", { className: "hint", textContent: result.description || "" })));
    pick.addEventListener("click", async () => {
      const { status: code, answer } = await call("POST", `/inline/queries/${encodeURIComponent(queryId)}/choose`, {
        chat_id: Number(channelSelect.value), result_id: result.id,
      });
      status.textContent = code === 200 ? "" : (answer.error && answer.error.message) || "Not sent.";
      if (code === 200) { input.value = ""; hideResults(); }
    });
    return element("li", {}, pick);
  }

  function hideResults() {
    results.hidden = true;
    results.replaceChildren();
    asked = "";
  }

  input.addEventListener("input", () => {
    const query = inlineQuery(input.value);
    if (query === null) return hideResults();
    if (query === asked) return;
    asked = query;
    clearTimeout(pending);
    // Telegram asks once typing pauses.
    pending = setTimeout(async () => {
      const list = element("ol");
      status.textContent = "";
      await ask(query, "", list);
      if (asked !== query) return;
      results.replaceChildren(...list.children);
      results.hidden = false;
    }, 300);
  });
  composer.addEventListener("submit", (event) => event.preventDefault());

  // ---- Prepared messages shared from the Mini App -------------------------------------------

  let dialog = null;

  function closeDialog() {
    if (dialog) dialog.remove();
    dialog = null;
  }

  async function sendPrepared(id, user, reply) {
    if (dialog) return; // One share at a time: the one open answers.
    const { status: code, answer } = await call("GET", `/prepared/${encodeURIComponent(id)}?user_id=${user}`);
    if (code !== 200) {
      reply("prepared_message_failed", { error: code === 410 ? "MESSAGE_EXPIRED" : "UNKNOWN_ERROR" });
      return;
    }
    const result = answer.result || {};
    const content = result.input_message_content || {};
    dialog = element("div", { className: "sheet" });
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", "Share to a chat");
    dialog.dataset.testid = "sim-share-dialog";
    dialog.append(
      element("h2", { className: "sheet__title", textContent: "Send to…" }),
      element("p", { className: "hint", textContent: (result.title || "") + (content.payload ? " — an invoice" : "") }),
    );
    const list = element("ul", { className: "share__chats" });
    answer.chats.forEach((chat) => {
      const name = chat.title || [chat.first_name, chat.last_name].filter(Boolean).join(" ") || String(chat.id);
      const label = chat.type === "private" ? "Saved: chat with the bot" : `${name} (${chat.type})`;
      const choose = element("button", { type: "button", className: "chat__button", textContent: label });
      choose.dataset.testid = "sim-share-chat";
      choose.addEventListener("click", async () => {
        const sent = await call("POST", `/prepared/${encodeURIComponent(id)}/send`, { user_id: user, chat_id: chat.id });
        closeDialog();
        if (sent.status === 200) reply("prepared_message_sent", {});
        else reply("prepared_message_failed", {
          error: sent.status === 410 ? "MESSAGE_EXPIRED" : "MESSAGE_SEND_FAILED",
        });
      });
      list.append(element("li", {}, choose));
    });
    const cancel = element("button", { type: "button", textContent: "Cancel" });
    cancel.dataset.testid = "sim-share-cancel";
    cancel.addEventListener("click", () => {
      closeDialog();
      reply("prepared_message_failed", { error: "USER_DECLINED" });
    });
    dialog.append(list, element("div", { className: "sheet__actions" }, cancel));
    document.querySelector(".phone").append(dialog);
  }

  window.SimulatorInline = { sendPrepared };
})();
