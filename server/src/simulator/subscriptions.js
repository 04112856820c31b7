// Stars subscriptions and private chats, as a person plays Telegram's side of them: the test
// user's subscriptions with "Advance 30 days" (Telegram charges the renewal), "Failed renewal"
// and "Cancel in Telegram" / "Re-enable in Telegram" (the `subscription` updates); and each
// private channel's members, banned users, pending join requests and the bot's answers to
// them (approved, declined, removed). An invite link tapped in the bot's chat is opened here
// (POST /simulator/telegram/invite): a link that creates join requests asks the bot to join.
(function () {
  "use strict";
  const api = "/simulator/telegram";
  const $ = (id) => document.getElementById(id);
  const userSelect = $("user");
  const user = () => Number(userSelect.value);

  async function post(path, body) {
    const answer = await fetch(api + path, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
    });
    const json = await answer.json().catch(() => ({}));
    if (!answer.ok) throw new Error((json.error && json.error.message) || answer.statusText);
    return json;
  }

  function say(text, error) {
    const note = $("subs-note");
    note.textContent = text;
    note.className = error ? "sheet__error" : "hint";
  }

  function day(secs) {
    return new Date(secs * 1000).toISOString().slice(0, 16).replace("T", " ") + " UTC";
  }

  function button(text, testid, action) {
    const b = Object.assign(document.createElement("button"), { type: "button", textContent: text });
    b.dataset.testid = testid;
    b.addEventListener("click", async () => {
      try { await action(); } catch (e) { say(e.message, true); }
      refresh();
    });
    return b;
  }

  let shownSubs = "";
  async function refreshSubscriptions() {
    const answer = await fetch(api + "/subscriptions?user_id=" + user()).then((r) => r.json()).catch(() => null);
    if (!answer) return;
    const key = JSON.stringify(answer.subscriptions);
    if (key === shownSubs) return;
    shownSubs = key;
    const list = $("subs");
    if (!answer.subscriptions.length) {
      list.replaceChildren(Object.assign(document.createElement("li"), { className: "hint", textContent: "No subscription for this user." }));
      return;
    }
    list.replaceChildren(...answer.subscriptions.map((sub) => {
      const which = { user_id: sub.user_id, invoice_payload: sub.invoice_payload };
      const item = document.createElement("li");
      item.dataset.testid = "sim-subscription";
      item.dataset.payload = sub.invoice_payload;
      const facts = document.createElement("p");
      facts.textContent = sub.title + " — " + (sub.canceled ? "renewal cancelled, " : "renews, ") + "paid until "
        + day(sub.expires) + ", " + sub.charges.length + " charge" + (sub.charges.length === 1 ? "" : "s");
      item.append(facts,
        button("Advance 30 days", "sim-sub-renew", async () => {
          const paid = await post("/subscriptions/renew", which);
          say("Renewed: charged again, paid until " + day(paid.subscription_expiration_date) + ".");
        }),
        button("Failed renewal", "sim-sub-fail", async () => {
          await post("/subscriptions/fail", which);
          say("Telegram told the bot the renewal failed.");
        }),
        sub.canceled
          ? button("Re-enable in Telegram", "sim-sub-reenable", async () => {
            await post("/subscriptions/reenable", which);
            say("Renewal re-enabled in Telegram.");
          })
          : button("Cancel in Telegram", "sim-sub-cancel", async () => {
            await post("/subscriptions/cancel", which);
            say("Renewal cancelled in Telegram.");
          }));
      return item;
    }));
  }

  const verdicts = {
    approveChatJoinRequest: "join request approved",
    declineChatJoinRequest: "join request declined",
    banChatMember: "removed (banned)",
    unbanChatMember: "unbanned: may rejoin",
  };
  let privateChats = null;
  let shownRooms = "";
  async function refreshRooms() {
    if (privateChats === null) {
      const listed = await fetch(api + "/channels").then((r) => r.json()).catch(() => null);
      if (!listed) return;
      privateChats = listed.chats.filter((chat) => !chat.username);
    }
    const calls = await fetch(api + "/member_calls").then((r) => r.json()).catch(() => []);
    const rooms = await Promise.all(privateChats.map(async (chat) => ({
      chat, people: await fetch(api + "/chats/" + chat.id + "/members").then((r) => r.json()).catch(() => ({})),
    })));
    const key = JSON.stringify([calls, rooms]);
    if (key === shownRooms) return;
    shownRooms = key;
    $("rooms").replaceChildren(...rooms.map(({ chat, people }) => {
      const item = document.createElement("li");
      item.dataset.testid = "sim-room";
      item.dataset.chat = chat.id;
      const line = (label, ids, testid) => {
        const p = document.createElement("p");
        p.dataset.testid = testid;
        p.textContent = label + ": " + ((ids || []).join(", ") || "none");
        return p;
      };
      const title = Object.assign(document.createElement("strong"), { textContent: chat.title });
      const answers = document.createElement("ol");
      answers.dataset.testid = "sim-room-answers";
      calls.filter((call) => call.chat_id === chat.id).forEach((call) => {
        answers.append(Object.assign(document.createElement("li"), {
          textContent: "user " + call.user_id + ": " + (verdicts[call.method] || call.method),
        }));
      });
      item.append(title, line("Members", people.members, "sim-room-members"),
        line("Join requests", people.join_requests, "sim-room-requests"),
        line("Banned", people.banned, "sim-room-banned"), answers);
      return item;
    }));
  }

  function refresh() {
    refreshSubscriptions();
    refreshRooms();
  }

  // An invite link (t.me/+… or t.me/joinchat/…) tapped by the test user.
  async function openInvite(link) {
    try {
      const answer = await post("/invite", { user_id: user(), invite_link: link });
      say(answer.status === "requested" ? "Asked to join: the bot answers the request." : "Joined the chat.");
    } catch (e) {
      say(e.message, true);
    }
    refresh();
  }

  userSelect.addEventListener("change", () => { shownSubs = ""; refresh(); });
  setInterval(refresh, 1500);
  refresh();
  window.SimulatorSubscriptions = { openInvite };
})();
