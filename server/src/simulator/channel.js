// The simulated client's channel view: the channel and group the bot belongs to, and the bot's
// posts there as Telegram shows them — the photo, the caption with its formatting (entities),
// and the URL buttons. A button with a Mini App link (t.me/<bot>/<app>?startapp=…) opens the
// Mini App with that start parameter, launched from a channel.
(function () {
  "use strict";
  const api = "/simulator/telegram";
  const $ = (id) => document.getElementById(id);
  const select = $("channel");
  const posts = $("channel-posts");
  let chats = [];
  let shown = "";

  // Entity types and the element each is drawn with.
  const tags = {
    bold: "b", italic: "i", underline: "u", strikethrough: "s", code: "code", pre: "code",
    spoiler: "span", text_link: "a", blockquote: "span", expandable_blockquote: "span",
  };

  // Text with its entities (offsets in UTF-16 units, as JavaScript indexes strings): each run
  // between two entity boundaries is wrapped in the elements of the entities covering it.
  function formatted(text, entities) {
    const fragment = document.createDocumentFragment();
    const cuts = new Set([0, text.length]);
    entities.forEach((e) => { cuts.add(e.offset); cuts.add(e.offset + e.length); });
    const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      let node = document.createTextNode(text.slice(from, to));
      entities.filter((e) => e.offset <= from && e.offset + e.length >= to && tags[e.type])
        .sort((a, b) => a.length - b.length)
        .forEach((e) => {
          const wrapper = document.createElement(tags[e.type]);
          if (e.type === "text_link") {
            wrapper.href = e.url;
            wrapper.addEventListener("click", (event) => {
              event.preventDefault();
              window.SimulatorClient.openLink(e.url, chatType());
            });
          }
          if (e.type === "spoiler") wrapper.className = "post__spoiler";
          if (e.type.endsWith("blockquote")) wrapper.className = "post__quote";
          wrapper.append(node);
          node = wrapper;
        });
      fragment.append(node);
    }
    return fragment;
  }

  function chatType() {
    const chat = chats.find((c) => String(c.id) === select.value);
    return chat ? chat.type : undefined;
  }

  function post(message) {
    const item = document.createElement("li");
    item.className = "chat__message";
    item.dataset.testid = "sim-channel-post";
    if (message.photo && message.photo.length) {
      const largest = message.photo[message.photo.length - 1];
      const photo = Object.assign(document.createElement("img"), {
        className: "post__photo", src: api + "/files/" + encodeURIComponent(largest.file_id), alt: "",
      });
      photo.width = largest.width;
      photo.height = largest.height;
      item.append(photo);
    }
    if (message.invoice && window.SimulatorShared) {
      item.append(window.SimulatorShared.invoice(message, select.value));
    }
    const text = message.caption !== undefined ? message.caption : message.text || "";
    const entities = message.caption !== undefined ? message.caption_entities : message.entities;
    const body = document.createElement("div");
    body.append(formatted(text, entities || []));
    item.append(body);
    const rows = (message.reply_markup && message.reply_markup.inline_keyboard) || [];
    rows.flat().filter((button) => button.url).forEach((button) => {
      const open = Object.assign(document.createElement("button"), { type: "button", className: "chat__button" });
      open.textContent = button.text;
      open.dataset.testid = "sim-post-button";
      open.addEventListener("click", () => window.SimulatorClient.openLink(button.url, chatType()));
      item.append(open);
    });
    return item;
  }

  async function refresh() {
    if (!select.value) return;
    const messages = await fetch(api + "/chats/" + select.value).then((r) => r.json()).catch(() => []);
    const key = select.value + JSON.stringify(messages);
    if (key === shown) return;
    shown = key;
    posts.replaceChildren(...messages.map(post));
  }

  async function load() {
    const answer = await fetch(api + "/channels").then((r) => r.json()).catch(() => ({ chats: [] }));
    chats = answer.chats;
    select.replaceChildren(...chats.map((chat) => {
      const role = chat.bot_is_admin ? "the bot is an admin" : "the bot is a member";
      const where = chat.username ? `@${chat.username}` : "private"; // a private channel has no @name
      return new Option(`${chat.title} (${where}, ${chat.type}: ${role})`, String(chat.id));
    }));
    refresh();
  }

  select.addEventListener("change", refresh);
  setInterval(refresh, 1000);
  load();
})();
