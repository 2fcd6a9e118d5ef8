// The public map of KMZB: reports by status colour and category icon, a resident's report
// and "+1". Citizen text is only ever set as textContent (never innerHTML).
"use strict";

const API = "/api/v1";
const MAX_CHARS = 500;
const MAX_FILES = 3;
const MAX_BYTES = 5 * 1024 * 1024;
const FILE_TYPES = ["jpg", "jpeg", "pdf", "3gp", "mov", "doc", "txt"]; // as the store checks
const PAGE = 5000;
const MAX_PAGES = 2; // at most 10,000 reports on the map at once: zoom in for the rest
const POLAND = [[49.0, 14.1], [54.9, 24.2]];

const TEXT = {
  pl: {
    title: "Krajowa Mapa Zagrożeń Bezpieczeństwa",
    switch: "English",
    emergency:
      "W sytuacji zagrożenia życia, zdrowia lub mienia dzwoń pod numer alarmowy 112 " +
      "(Policja: 997). Ta mapa nie służy do zgłoszeń alarmowych.",
    legend: "Statusy zgłoszeń",
    report: "Zgłoś zagrożenie",
    category: "Kategoria",
    choose: "— wybierz kategorię —",
    pickPoint: "Kliknij mapę, aby wskazać miejsce.",
    picked: "Wybrane miejsce: {lat}, {lon} (kliknij ponownie, aby zmienić)",
    description: "Opis (nieobowiązkowy)",
    files: "Zdjęcia lub pliki (do 3, razem do 5 MB)",
    send: "Wyślij zgłoszenie",
    sending: "Wysyłanie…",
    needCategory: "Wybierz kategorię zagrożenia.",
    needPoint: "Wskaż miejsce na mapie.",
    tooMany: "Można dołączyć najwyżej 3 pliki.",
    tooBig: "Pliki razem mają {mb} MB — dozwolone jest najwyżej 5 MB.",
    badType: "Nieobsługiwany typ pliku: {name}. Dozwolone: JPG, PDF, 3GP, MOV, DOC, TXT.",
    filesOk: "Pliki do wysłania: {n} ({mb} MB).",
    thanks: "Dziękujemy! Zgłoszenie nr {id} jest już na mapie.",
    oncePerDay:
      "Dziękujemy za zaangażowanie! Z jednego połączenia przyjmujemy jedno zgłoszenie na " +
      "dobę. Kolejne będzie można wysłać {when}. Jeśli sytuacja jest pilna, dzwoń 112.",
    rejected: "Nie udało się wysłać zgłoszenia: {why}",
    offline: "Brak połączenia z serwerem. Spróbuj ponownie za chwilę.",
    submitted: "Zgłoszono",
    eventDate: "Data zdarzenia",
    updated: "Ostatnia zmiana",
    confirmations: "Potwierdzenia (+1)",
    status: "Status",
    confirm: "+1 Potwierdzam",
    confirmed: "Dziękujemy za potwierdzenie.",
    already: "To zgłoszenie zostało już potwierdzone z tego połączenia.",
    confirmLater: "Potwierdzenie będzie można wysłać {when}.",
    gone: "Tego zgłoszenia nie ma już na mapie.",
    shown: "Na mapie: {n} zgłoszeń.",
    partial: "Pokazano {n} zgłoszeń — przybliż mapę, aby zobaczyć wszystkie.",
    loadFailed: "Nie udało się wczytać zgłoszeń.",
  },
  en: {
    title: "National Map of Security Threats (KMZB)",
    switch: "Polski",
    emergency:
      "If life, health or property is in danger, call the emergency number 112 " +
      "(police: 997). This map is not for emergencies.",
    legend: "Report statuses",
    report: "Report a threat",
    category: "Category",
    choose: "— choose a category —",
    pickPoint: "Click the map to mark the place.",
    picked: "Chosen place: {lat}, {lon} (click again to change)",
    description: "Description (optional)",
    files: "Photos or files (up to 3, 5 MB in total)",
    send: "Send the report",
    sending: "Sending…",
    needCategory: "Choose the category of the threat.",
    needPoint: "Mark the place on the map.",
    tooMany: "At most 3 files can be attached.",
    tooBig: "The files have {mb} MB together — at most 5 MB are allowed.",
    badType: "File type not accepted: {name}. Allowed: JPG, PDF, 3GP, MOV, DOC, TXT.",
    filesOk: "Files to send: {n} ({mb} MB).",
    thanks: "Thank you! Report no. {id} is on the map now.",
    oncePerDay:
      "Thank you for caring! We accept one report per day from one connection. You can " +
      "send the next one {when}. If it is urgent, call 112.",
    rejected: "The report could not be sent: {why}",
    offline: "The server cannot be reached. Please try again in a moment.",
    submitted: "Reported",
    eventDate: "Date of the event",
    updated: "Last change",
    confirmations: "Confirmations (+1)",
    status: "Status",
    confirm: "+1 I confirm",
    confirmed: "Thank you for confirming.",
    already: "This report was already confirmed from this connection.",
    confirmLater: "You can confirm again {when}.",
    gone: "This report is no longer on the map.",
    shown: "On the map: {n} reports.",
    partial: "Showing {n} reports — zoom in to see all of them.",
    loadFailed: "The reports could not be loaded.",
  },
};

let lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "pl";
let meta = { categories: [], statuses: [] };
let chosen = null; // the picked point (L.LatLng)
let chosenMarker = null;
let loadGeneration = 0;
const $ = (id) => document.getElementById(id);

function t(key, vars = {}) {
  return TEXT[lang][key].replace(/\{(\w+)\}/g, (_, k) => String(vars[k]));
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

const category = (code) => meta.categories.find((c) => c.code === code);
const status = (code) => meta.statuses.find((s) => s.code === code);
const name = (item, code) => (item ? item[lang === "pl" ? "name_pl" : "name_en"] : code);
const when = (iso) => (iso ? new Date(iso).toLocaleString(lang === "pl" ? "pl-PL" : "en-GB") : "—");
const day = (iso) => (iso ? new Date(iso + "T12:00:00Z").toLocaleDateString(lang === "pl" ? "pl-PL" : "en-GB") : "—");
const inSeconds = (s) => when(new Date(Date.now() + s * 1000).toISOString());

function pin(cat, stat) {
  const p = el("div", "pin");
  p.style.backgroundColor = status(stat)?.color || "#555";
  const img = el("img");
  img.alt = "";
  img.src = `/static/build/icons/${encodeURIComponent(cat)}.svg`;
  img.onerror = () => {
    img.onerror = null;
    img.src = "/static/build/icons/default.svg";
  };
  p.appendChild(img);
  return p;
}

// --- the map -------------------------------------------------------------------------
const map = L.map("map", { maxBounds: [[47.5, 11.5], [56.5, 27]], minZoom: 5, maxZoom: 18 });
map.fitBounds(POLAND);
map.attributionControl.setPrefix("Leaflet");
map.attributionControl.addAttribution("Natural Earth (QGIS)");
const clusters = L.markerClusterGroup({ disableClusteringAtZoom: 14, chunkedLoading: true });
map.addLayer(clusters);

async function basemap() {
  const layers = [
    ["/static/build/countries.geojson", { color: "#9aa5b1", weight: 1, fillColor: "#e4e2dc", fillOpacity: 1 }],
    ["/static/build/voivodeships.geojson", { color: "#6b7a8c", weight: 1.2, fillColor: "#fbfaf5", fillOpacity: 1 }],
  ];
  for (const [url, style] of layers) {
    const r = await fetch(url);
    if (r.ok) L.geoJSON(await r.json(), { style, interactive: false }).addTo(map);
  }
}

function popup(feature) {
  const p = feature.properties;
  const box = el("div", "popup");
  const h = el("h3");
  h.appendChild(pin(p.category, p.status));
  h.appendChild(el("span", null, name(category(p.category), p.category)));
  box.appendChild(h);
  const dl = el("dl");
  const row = (k, v, cls) => {
    dl.appendChild(el("dt", null, t(k)));
    dl.appendChild(el("dd", cls, v));
  };
  row("status", name(status(p.status), p.status), "status");
  row("submitted", when(p.submitted_at));
  row("eventDate", day(p.event_date));
  row("updated", when(p.updated_at));
  row("confirmations", p.confirmations, "count");
  box.appendChild(dl);
  if (p.description) box.appendChild(el("p", "text", p.description)); // text, never HTML
  const button = el("button", "confirm", t("confirm"));
  button.type = "button";
  const msg = el("p", "msg");
  button.onclick = () => confirmReport(feature, box, msg, button);
  box.appendChild(button);
  box.appendChild(msg);
  return box;
}

function icon(feature) {
  const p = pin(feature.properties.category, feature.properties.status);
  p.dataset.id = feature.id;
  p.dataset.status = feature.properties.status;
  return L.divIcon({ className: "kmzb-marker", html: p, iconSize: [26, 26] });
}

function marker(feature) {
  const [lon, lat] = feature.geometry.coordinates;
  const m = L.marker([lat, lon], {
    icon: icon(feature),
    title: name(category(feature.properties.category), feature.properties.category),
  });
  m.feature = feature;
  m.bindPopup(() => popup(m.feature), { maxWidth: 320 });
  return m;
}

// the markers on the map by report id: a reload changes only what changed, so that an open
// popup stays open when the map pans (to show it) and the reports are read again
const markers = new Map();

function place(features) {
  const seen = new Set();
  const added = [];
  for (const f of features) {
    seen.add(f.id);
    const m = markers.get(f.id);
    if (!m) {
      const created = marker(f);
      markers.set(f.id, created);
      added.push(created);
    } else if (JSON.stringify(m.feature.properties) !== JSON.stringify(f.properties)) {
      m.feature = f;
      m.setIcon(icon(f));
    }
  }
  const gone = [];
  for (const [id, m] of markers) {
    if (!seen.has(id)) {
      gone.push(m);
      markers.delete(id);
    }
  }
  clusters.removeLayers(gone);
  clusters.addLayers(added);
}

async function loadReports() {
  const generation = ++loadGeneration;
  const b = map.getBounds();
  const bbox = [
    Math.max(b.getWest(), -180), Math.max(b.getSouth(), -90),
    Math.min(b.getEast(), 180), Math.min(b.getNorth(), 90),
  ].map((v) => v.toFixed(5)).join(",");
  const features = [];
  let since = 0;
  let more = false;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await fetch(`${API}/public/reports?bbox=${bbox}&limit=${PAGE}&since=${since}`);
      if (!r.ok) throw new Error(String(r.status));
      const body = await r.json();
      features.push(...body.features);
      more = body.next_since !== null;
      if (!more) break;
      since = body.next_since;
    }
  } catch (e) {
    if (generation === loadGeneration) $("load-msg").textContent = t("loadFailed");
    return;
  }
  if (generation !== loadGeneration) return; // the map moved on meanwhile
  place(features);
  $("load-msg").textContent = t(more ? "partial" : "shown", { n: features.length });
  document.body.dataset.loaded = String(generation);
}

let moveTimer = null;
map.on("moveend", () => {
  clearTimeout(moveTimer);
  moveTimer = setTimeout(loadReports, 250);
});

map.on("click", (e) => {
  chosen = e.latlng;
  if (chosenMarker) chosenMarker.setLatLng(chosen);
  else chosenMarker = L.circleMarker(chosen, { radius: 9, color: "#0b3d91", weight: 3, fillOpacity: 0.2 }).addTo(map);
  showPoint();
});

function showPoint() {
  const point = $("point");
  point.classList.toggle("chosen", !!chosen);
  point.textContent = chosen
    ? t("picked", { lat: chosen.lat.toFixed(5), lon: chosen.lng.toFixed(5) })
    : t("pickPoint");
}

// --- the form --------------------------------------------------------------------------
function say(id, text, kind) {
  const m = $(id);
  m.textContent = text || "";
  m.className = "msg" + (kind ? " " + kind : "");
}

function checkFiles() {
  const files = Array.from($("files").files);
  const total = files.reduce((n, f) => n + f.size, 0);
  const mb = (total / 1024 / 1024).toFixed(1);
  const bad = files.find((f) => !FILE_TYPES.includes(f.name.split(".").pop().toLowerCase()));
  let error = null;
  if (files.length > MAX_FILES) error = t("tooMany");
  else if (total > MAX_BYTES) error = t("tooBig", { mb });
  else if (bad) error = t("badType", { name: bad.name });
  if (error) say("files-msg", error, "error");
  else say("files-msg", files.length ? t("filesOk", { n: files.length, mb }) : "");
  $("submit").disabled = !!error;
  return !error;
}

function countChars() {
  const n = $("description").value.length;
  $("counter").textContent = `${n} / ${MAX_CHARS}`;
  $("counter").classList.toggle("over", n >= MAX_CHARS);
}

async function errorText(r) {
  try {
    return (await r.json()).error.message;
  } catch {
    return `HTTP ${r.status}`;
  }
}

async function submitReport(ev) {
  ev.preventDefault();
  if (!$("category").value) return say("form-msg", t("needCategory"), "error");
  if (!chosen) return say("form-msg", t("needPoint"), "error");
  if (!checkFiles()) return;
  const report = {
    category: $("category").value,
    lon: Number(chosen.lng.toFixed(7)),
    lat: Number(chosen.lat.toFixed(7)),
  };
  const text = $("description").value.trim();
  if (text) report.description = text;
  const form = new FormData();
  form.append("report", new Blob([JSON.stringify(report)], { type: "application/json" }));
  for (const f of $("files").files) form.append("files", f, f.name);
  $("submit").disabled = true;
  say("form-msg", t("sending"));
  let r;
  try {
    r = await fetch(`${API}/public/reports`, { method: "POST", body: form });
  } catch {
    $("submit").disabled = false;
    return say("form-msg", t("offline"), "error");
  }
  $("submit").disabled = false;
  if (r.status === 201) {
    const { id } = await r.json();
    say("form-msg", t("thanks", { id }), "ok");
    $("report-form").reset();
    countChars();
    say("files-msg", "");
    map.setView(chosen, Math.max(map.getZoom(), 15), { animate: false });
    chosen = null;
    if (chosenMarker) chosenMarker.remove();
    chosenMarker = null;
    showPoint();
    await loadReports();
  } else if (r.status === 429) {
    const wait = Number(r.headers.get("Retry-After")) || 24 * 3600;
    say("form-msg", t("oncePerDay", { when: inSeconds(wait) }), "kind");
  } else {
    say("form-msg", t("rejected", { why: await errorText(r) }), "error");
  }
}

async function confirmReport(feature, box, msg, button) {
  button.disabled = true;
  let r;
  try {
    r = await fetch(`${API}/public/reports/${feature.id}/confirmations`, { method: "POST" });
  } catch {
    button.disabled = false;
    msg.textContent = t("offline");
    return;
  }
  if (r.status === 201) {
    feature.properties.confirmations = (await r.json()).confirmations;
    box.querySelector(".count").textContent = feature.properties.confirmations;
    msg.textContent = t("confirmed");
  } else if (r.status === 409) {
    msg.textContent = t("already");
  } else if (r.status === 429) {
    msg.textContent = t("confirmLater", { when: inSeconds(Number(r.headers.get("Retry-After")) || 86400) });
    button.disabled = false;
  } else if (r.status === 404) {
    msg.textContent = t("gone");
  } else {
    msg.textContent = t("rejected", { why: await errorText(r) });
    button.disabled = false;
  }
}

// --- language ------------------------------------------------------------------------------
function render() {
  document.documentElement.lang = lang;
  document.title = t("title");
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
  const select = $("category");
  const current = select.value;
  select.replaceChildren(el("option", null, t("choose")));
  select.firstChild.value = "";
  for (const c of meta.categories.filter((c) => c.active)) {
    const o = el("option", null, name(c, c.code));
    o.value = c.code;
    select.appendChild(o);
  }
  select.value = current;
  const legend = $("legend-list");
  legend.replaceChildren();
  for (const s of meta.statuses) {
    const li = el("li");
    const dot = el("span", "dot");
    dot.style.backgroundColor = s.color;
    li.append(dot, el("span", null, name(s, s.code)));
    legend.appendChild(li);
  }
  showPoint();
  say("form-msg", "");
  checkFiles();
  map.closePopup();
}

$("lang").onclick = () => {
  lang = lang === "pl" ? "en" : "pl";
  const url = new URL(location.href);
  url.searchParams.set("lang", lang);
  history.replaceState(null, "", url);
  render();
  loadReports();
};
$("description").addEventListener("input", countChars);
$("files").addEventListener("change", checkFiles);
$("report-form").addEventListener("submit", submitReport);

(async () => {
  const r = await fetch(`${API}/meta`);
  meta = await r.json();
  render();
  await basemap();
  await loadReports();
})();
