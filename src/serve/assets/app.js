// The review page: plain DOM, texts always set as text (textContent),
// never parsed as markup. Everything comes from this server's JSON API.
"use strict";

const $ = (id) => document.getElementById(id);
const STORE = "crosscheck.draft";
let current = null; // { draft, review }

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) {
    if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  };
  const res = await fetch(path, { ...init, credentials: "same-origin" });
  const data = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

function say(id, text, isError) {
  const p = $(id);
  p.textContent = text || "";
  p.className = isError ? "error" : "";
}

// Byte offsets (UTF-8, as the server counts) to string indexes.
function byteIndex(text) {
  const map = new Map();
  let b = 0, i = 0;
  for (const ch of text) {
    map.set(b, i);
    const cp = ch.codePointAt(0);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += ch.length;
  }
  map.set(b, i);
  return (x) => map.get(x);
}

function draftFromForm() {
  return {
    name: $("name").value,
    text: $("text").value,
    published: $("published").value || null,
    source: $("source").value || null,
  };
}

async function review(draft, selected) {
  say("message", "Reviewing…");
  try {
    const r = await api("/api/review", draft);
    sessionStorage.setItem(STORE, JSON.stringify(draft));
    current = { draft, review: r };
    render(r, draft.text);
    const n = r.findings.length;
    say("message", n ? "" : "No finding: the draft agrees with the archive.");
    const keep = r.findings.find((f) => f.id === selected);
    if (keep) select(keep);
  } catch (e) {
    say("message", e.message, true);
  }
}

function findingsAt(r, claim) {
  return r.findings.filter((f) =>
    f.claims.some((q) => q.in_draft && q.start === claim.start && q.end === claim.end));
}

function worst(findings) {
  const order = ["error", "warning", "note"];
  return findings.map((f) => f.severity).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
}

function render(r, text) {
  $("result").hidden = false;
  const box = $("draft");
  box.replaceChildren();
  box.dir = r.direction;
  box.lang = r.direction === "rtl" ? "ar" : "";
  const at = byteIndex(text);
  let pos = 0;
  for (const c of r.claims) {
    const start = at(c.start), end = at(c.end);
    if (start === undefined || end === undefined || start < pos) continue;
    box.append(text.slice(pos, start));
    const found = findingsAt(r, c);
    const span = el(found.length ? "mark" : "span", {
      class: "claim",
      title: `${c.key} = ${c.value}${c.as_of ? " (as of " + c.as_of + ")" : ""}${c.attribution ? " — " + c.attribution : ""}`,
      "data-key": c.key,
    }, text.slice(start, end));
    if (found.length) {
      const accepted = found.every((f) => f.baselined);
      span.className = `claim finding ${worst(found)}${accepted ? " accepted" : ""}`;
      span.setAttribute("data-finding", found[0].id);
      span.tabIndex = 0;
      span.addEventListener("click", () => select(found[0]));
      span.addEventListener("keydown", (e) => { if (e.key === "Enter") select(found[0]); });
    }
    box.append(span);
    pos = end;
  }
  box.append(text.slice(pos));
  const counts = { error: 0, warning: 0, note: 0 };
  r.findings.forEach((f) => { if (!f.baselined) counts[f.severity]++; });
  const n = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const accepted = r.findings.filter((f) => f.baselined).length;
  $("summary").textContent = `${n(r.claims.length, "claim")} read; ${n(counts.error, "error")}, ${n(counts.warning, "warning")}, ${n(counts.note, "note")}` +
    (accepted ? `, ${accepted} accepted` : "");
  const list = $("findings");
  list.replaceChildren();
  for (const f of r.findings) {
    const badge = el("span", { class: `badge ${f.baselined ? "ok" : f.severity}` }, f.baselined ? "accepted" : f.severity);
    const button = el("button", { type: "button", "data-finding": f.id }, badge, `${f.code} · ${f.key}: ${f.message}`);
    button.addEventListener("click", () => select(f));
    list.append(el("li", {}, button));
  }
  $("detail").hidden = true;
}

function quoteCell(q) {
  const td = el("td", { class: "quote" });
  const at = byteIndex(q.quote)(q.quote_at);
  if (at === undefined || !q.quote.slice(at).startsWith(q.text)) {
    td.append(q.quote);
    return td;
  }
  td.append(q.quote.slice(0, at), el("mark", {}, q.text), q.quote.slice(at + q.text.length));
  td.dir = "auto";
  return td;
}

function select(f) {
  document.querySelectorAll(".finding.selected").forEach((e) => e.classList.remove("selected"));
  document.querySelectorAll(`mark[data-finding="${f.id}"]`).forEach((e) => e.classList.add("selected"));
  sessionStorage.setItem(STORE + ".selected", f.id);
  const d = $("detail");
  d.hidden = false;
  d.setAttribute("data-finding", f.id);
  $("detail-title").textContent = `${f.severity} · ${f.code} · ${f.title || f.key}`;
  $("detail-message").textContent = f.message;
  $("detail-help").textContent = f.help;
  const body = $("quoted").tBodies[0];
  body.replaceChildren();
  for (const q of f.claims) {
    const side = q.in_draft ? "claim-row in-draft" : "claim-row";
    const tr = el("tr", { class: side },
      el("td", {}, q.in_draft ? `${q.article} (this draft), line ${q.line}` : `${q.article}, line ${q.line}`),
      el("td", {}, q.source || "—"),
      el("td", {}, q.published || "—"),
      el("td", {}, q.as_of || "—"),
      el("td", {}, q.attribution || "—"),
      el("td", { class: "value" }, q.value));
    const quote = quoteCell(q);
    quote.colSpan = 6;
    body.append(tr, el("tr", { class: q.in_draft ? "quote-row in-draft" : "quote-row" }, quote));
  }
  $("unquoted").textContent = f.unquoted ? `${f.unquoted} more claims not quoted` : "";
  const t = f.timeline;
  $("timeline").hidden = !t;
  if (t) {
    $("newest").textContent = t.newest
      ? `Newest figure: ${t.newest.value} (${t.newest.source || t.newest.article}, ${t.newest.at})`
      : "No published figure with a time.";
    const points = $("points");
    points.replaceChildren();
    for (const p of t.points) {
      const li = el("li", {}, `${p.at}: ${p.value} — ${p.source || p.article}${p.attribution ? ", " + p.attribution : ""}${p.in_draft ? " (this draft)" : ""}`);
      if (t.newest && p.at === t.newest.at && p.article === t.newest.article) li.className = "newest";
      points.append(li);
    }
  }
  const accepted = $("accepted");
  const form = $("accept-form");
  if (f.baselined) {
    const a = f.accepted || {};
    accepted.textContent = `Accepted${a.by ? " by " + a.by : ""}${a.at ? " on " + a.at : ""}${a.reason ? ": " + a.reason : ""}`;
    accepted.hidden = false;
    form.hidden = true;
  } else {
    accepted.hidden = true;
    form.hidden = false;
    $("accept").disabled = !current.review.can_accept;
    $("reason").placeholder = current.review.can_accept ? "why the finding is right as it is" : "start crosscheck serve with --baseline FILE to accept findings";
  }
}

async function accept(e) {
  e.preventDefault();
  const id = $("detail").getAttribute("data-finding");
  try {
    await api("/api/accept", { draft: current.draft, id, reason: $("reason").value });
    $("reason").value = "";
    await review(current.draft, id);
  } catch (err) {
    say("message", err.message, true);
  }
}

async function search(e) {
  e.preventDefault();
  const key = $("search-key").value.trim();
  if (!key) return;
  try {
    const r = await api("/api/search?key=" + encodeURIComponent(key));
    const body = $("search-results").tBodies[0];
    body.replaceChildren();
    for (const s of r.results) {
      body.append(el("tr", {},
        el("td", {}, s.key), el("td", {}, s.value), el("td", {}, s.published || "—"),
        el("td", {}, s.source || "—"), el("td", {}, s.as_of || "—"), el("td", {}, s.attribution || "—"),
        el("td", {}, `${s.article}:${s.line}`), el("td", { dir: "auto" }, s.text)));
    }
    $("search-results").hidden = r.results.length === 0;
    const n = r.results.length;
    say("search-message", n ? `${n} claim${n === 1 ? "" : "s"}` : `The archive says nothing of ${key}.`);
  } catch (err) {
    say("search-message", err.message, true);
  }
}

async function openDraft() {
  const name = $("drafts").value;
  if (!name) return;
  try {
    const d = await api("/api/draft?name=" + encodeURIComponent(name));
    $("text").value = d.text;
    $("name").value = d.name;
    await review(draftFromForm());
  } catch (err) {
    say("message", err.message, true);
  }
}

async function start() {
  $("draft-form").addEventListener("submit", (e) => { e.preventDefault(); review(draftFromForm()); });
  $("accept-form").addEventListener("submit", accept);
  $("search-form").addEventListener("submit", search);
  $("open").addEventListener("click", openDraft);
  try {
    const s = await api("/api/status");
    $("status").textContent = `index ${s.index}` + (s.baseline ? ` · baseline ${s.baseline}` : "") + ` · ${s.user}`;
    if (s.drafts) {
      const d = await api("/api/drafts");
      $("drafts").replaceChildren(...d.drafts.map((n) => el("option", { value: n }, n)));
      $("open-row").hidden = d.drafts.length === 0;
    }
  } catch (err) {
    say("message", err.message, true);
  }
  const saved = sessionStorage.getItem(STORE);
  if (saved) {
    const d = JSON.parse(saved);
    $("name").value = d.name || "draft.md";
    $("text").value = d.text || "";
    $("published").value = d.published || "";
    $("source").value = d.source || "";
    await review(d, sessionStorage.getItem(STORE + ".selected"));
  }
  document.body.setAttribute("data-ready", "1");
}

document.addEventListener("DOMContentLoaded", start);
