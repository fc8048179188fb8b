// factorflow classroom page: draws the session's two runs and sends the
// teacher's controls to the JSON API (docs/api.md). No libraries.
"use strict";

const FLOW_COLOURS = ["#c2185b", "#6d4c41", "#1565c0", "#2e7d32"];
const TYPE_COLOURS = { cloud: "#1f77b4", chain: "#ff7f0e", base: "#8c6d31", local: "#2ca02c" };
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"];
const REGION_FILLS = ["#cfd8dc", "#ffe0b2", "#c8e6c9", "#e1bee7", "#b3e5fc", "#fff9c4", "#ffccbc", "#d7ccc8"];
const SVGNS = "http://www.w3.org/2000/svg";

const state = { id: null, view: null, history: [], chosen: new Set(), source: null, proj: null };
const $ = (sel) => document.querySelector(sel);

async function api(method, path, body) {
  const opt = { method, headers: {} };
  if (body !== undefined) {
    opt.body = JSON.stringify(body);
    opt.headers["Content-Type"] = "application/json";
  }
  const r = await fetch(path, opt);
  const text = await r.text();
  const data = text ? JSON.parse(text) : null;
  if (!r.ok) {
    const err = new Error((data && data.error) || r.statusText);
    err.status = r.status;
    throw err;
  }
  return data;
}

function showError(msg) {
  const e = $("#error");
  e.textContent = msg || "";
  e.hidden = !msg;
}

async function start() {
  const list = await api("GET", "/api/scenarios");
  const sel = $("#scenario");
  for (const name of list.scenarios) {
    const o = document.createElement("option");
    o.value = o.textContent = name;
    sel.appendChild(o);
  }
  let view = null;
  const saved = sessionStorage.getItem("factorflow-session");
  if (saved) {
    try { view = await api("GET", "/api/sessions/" + saved); } catch (e) { view = null; }
  }
  if (!view) view = await api("POST", "/api/sessions", {});
  sessionStorage.setItem("factorflow-session", view.id);
  load(view);
  listen();
  wire();
}

// load draws a session from scratch.
function load(view) {
  state.view = view;
  state.id = view.id;
  state.history = view.history.slice();
  state.chosen = new Set([...state.chosen].filter((n) => view.cities.some((c) => c.name === n)));
  $("#scenario").value = view.scenario;
  const pair = $("#barrier-pair");
  pair.innerHTML = "";
  const all = document.createElement("option");
  all.value = ""; all.textContent = "all pairs";
  pair.appendChild(all);
  const R = view.regions.length;
  for (let a = 0; a < R; a++) for (let b = a + 1; b < R; b++) {
    const o = document.createElement("option");
    o.value = view.regions[a] + "|" + view.regions[b];
    o.textContent = view.regions[a] + " – " + view.regions[b];
    pair.appendChild(o);
  }
  pair.disabled = R < 2;
  $("#barrier").disabled = R < 2;
  const levels = $("#levels");
  levels.innerHTML = "";
  view.levels.forEach((label, i) => {
    const b = document.createElement("button");
    b.className = "level";
    b.dataset.level = i + 1;
    b.textContent = "Level " + label;
    b.addEventListener("click", () => applyPyramid(i + 1));
    levels.appendChild(b);
  });
  state.proj = projection(view.cities, 600, 460, 40);
  $("#opc-unit").textContent = view.currency + " a year";
  status(view.status);
  drawAll();
}

function listen() {
  if (state.source) state.source.close();
  const src = new EventSource("/api/sessions/" + state.id + "/events");
  state.source = src;
  let opened = false;
  src.addEventListener("open", async () => {
    if (opened) { // a reconnection: catch up with what was missed
      try { load(await api("GET", "/api/sessions/" + state.id)); } catch (e) { recover(e); }
    }
    opened = true;
    showError("");
  });
  src.addEventListener("year", (e) => {
    const ev = JSON.parse(e.data);
    const last = state.history[state.history.length - 1];
    if (!last || ev.year > last.year) state.history.push(ev);
    drawAll();
  });
  src.addEventListener("status", (e) => status(JSON.parse(e.data)));
  src.addEventListener("reset", async () => {
    try { load(await api("GET", "/api/sessions/" + state.id)); } catch (e) { recover(e); }
  });
  src.addEventListener("error", () => {
    if (src.readyState === EventSource.CLOSED) showError("Lost the connection to the server.");
  });
}

// recover starts a new session when the old one has expired.
async function recover(e) {
  if (e.status === 404) {
    const view = await api("POST", "/api/sessions", { scenario: $("#scenario").value });
    sessionStorage.setItem("factorflow-session", view.id);
    load(view);
    listen();
    return;
  }
  showError(e.message);
}

async function control(body) {
  try {
    status(await api("POST", "/api/sessions/" + state.id + "/control", body));
    showError("");
  } catch (e) { await recover(e); }
}

async function change(body) {
  try {
    status(await api("POST", "/api/sessions/" + state.id + "/changes", body));
    showError("");
  } catch (e) { await recover(e); }
}

function wire() {
  $("#play").addEventListener("click", () => control({ action: "play", speed: +$("#speed").value }));
  $("#pause").addEventListener("click", () => control({ action: "pause" }));
  $("#step").addEventListener("click", () => control({ action: "step" }));
  $("#reset").addEventListener("click", () => control({ action: "reset" }));
  $("#speed").addEventListener("input", () => { $("#speed-out").textContent = $("#speed").value; });
  $("#speed").addEventListener("change", () => control({ action: "speed", speed: +$("#speed").value }));
  $("#scenario").addEventListener("change", () => { state.chosen.clear(); control({ action: "reset", scenario: $("#scenario").value }); });
  $("#colour").addEventListener("change", drawAll);
  document.querySelectorAll("input.flow").forEach((c) => c.addEventListener("change", drawAll));
  $("#barrier-pair").addEventListener("change", () => showSettings(state.settings));
  const slider = (id, lever, fmt, extra) => {
    const el = $("#" + id);
    el.addEventListener("input", () => { $("#" + id + "-out").textContent = fmt(+el.value); });
    el.addEventListener("change", () => change(Object.assign({ lever, value: +el.value }, extra ? extra() : {})));
  };
  slider("barrier", "barrier", pct, () => {
    const p = $("#barrier-pair").value;
    return p ? { regions: p.split("|") } : {};
  });
  slider("hukou", "hukou_penalty", (v) => v.toFixed(2));
  slider("access", "access", pct);
  slider("transport", "transport", (v) => "×" + v.toFixed(2));
}

function applyPyramid(level) {
  if (state.chosen.size === 0) { showError("Click one or more cities on a map first."); return; }
  change({ lever: "pyramid", level, cities: [...state.chosen] });
}

const pct = (v) => Math.round(100 * v) + " %";

function status(s) {
  state.status = s;
  $("#play").disabled = s.playing || s.done;
  $("#pause").disabled = !s.playing;
  $("#step").disabled = s.playing || s.done;
  $("#speed").value = s.speed;
  $("#speed-out").textContent = s.speed;
  document.body.dataset.playing = s.playing;
  if (s.error) showError("The simulation stopped: " + s.error);
  showSettings(s.settings);
  const ol = $("#changes");
  ol.innerHTML = "";
  for (const c of s.changes) {
    const li = document.createElement("li");
    li.textContent = c;
    ol.appendChild(li);
  }
}

function showSettings(set) {
  if (!set) return;
  state.settings = set;
  const pair = $("#barrier-pair").value;
  let b = 1;
  if (pair) b = set.barrier[pair];
  else {
    const vals = Object.values(set.barrier);
    if (vals.length) b = vals.reduce((x, y) => x + y, 0) / vals.length;
  }
  setSlider("barrier", b, pct);
  setSlider("hukou", set.hukou_penalty, (v) => v.toFixed(2));
  if (+$("#hukou").max < set.hukou_penalty) $("#hukou").max = Math.ceil(set.hukou_penalty * 2);
  setSlider("access", set.access, pct);
  setSlider("transport", set.transport, (v) => "×" + v.toFixed(2));
}

function setSlider(id, v, fmt) {
  const el = $("#" + id);
  if (document.activeElement === el) return; // the teacher is moving it
  el.value = v;
  $("#" + id + "-out").textContent = fmt(v);
}

// projection maps lat/lon to the map's pixels: equirectangular scaled by
// the cosine of the mean latitude, fitted with a margin.
function projection(cities, W, H, margin) {
  const lat0 = cities.reduce((s, c) => s + c.lat, 0) / cities.length;
  const k = Math.cos(lat0 * Math.PI / 180);
  const xs = cities.map((c) => c.lon * k), ys = cities.map((c) => -c.lat);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const s = Math.min((W - 2 * margin) / Math.max(x1 - x0, 1e-6), (H - 2 * margin) / Math.max(y1 - y0, 1e-6));
  const ox = (W - s * (x1 - x0)) / 2, oy = (H - s * (y1 - y0)) / 2;
  return cities.map((c, i) => [ox + s * (xs[i] - x0), oy + s * (ys[i] - y0)]);
}

function drawAll() {
  const h = state.history, v = state.view;
  if (!v || !h.length) return;
  const ev = h[h.length - 1];
  $("#year").textContent = ev.year;
  const stage = $("#stage");
  stage.textContent = ev.variant.stage;
  stage.className = "stage " + ev.variant.stage;
  $("#explain").textContent = ev.explain;
  const maxPop = Math.max(...h[0].base.pop);
  const flowMax = [0, 1, 2, 3].map((k) => Math.max(1e-12, ...[ev.base, ev.variant].flatMap((s) => s.flows[k].map((f) => f[2]))));
  drawMap($("#map-base"), ev.base, maxPop, flowMax);
  drawMap($("#map-variant"), ev.variant, maxPop, flowMax);
  drawLegend();
  drawDiff(ev);
  drawCharts();
}

function el(tag, attrs, parent) {
  const e = document.createElementNS(SVGNS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(e);
  return e;
}

// hull returns the convex hull of points (monotone chain).
function hull(pts) {
  const p = pts.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower = [], upper = [];
  for (const q of p) { while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop(); lower.push(q); }
  for (const q of p.reverse()) { while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop(); upper.push(q); }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

// area is the area of a polygon (shoelace formula).
function area(p) {
  let a = 0;
  for (let i = 0; i < p.length; i++) {
    const [x1, y1] = p[i], [x2, y2] = p[(i + 1) % p.length];
    a += x1 * y2 - x2 * y1;
  }
  return Math.abs(a) / 2;
}

function cityColour(s, i) {
  const sec = s.sector[i];
  if ($("#colour").value === "type") return TYPE_COLOURS[state.view.sectors[sec].type] || "#999";
  return PALETTE[sec % PALETTE.length];
}

function drawMap(svg, s, maxPop, flowMax) {
  const v = state.view, P = state.proj;
  svg.innerHTML = "";
  // Circle area ∝ residents, on the scale of the largest city at the start.
  const rmax = Math.min(34, 120 / Math.sqrt(v.cities.length)); // px
  const radius = s.pop.map((p) => Math.max(2, rmax * Math.sqrt(p / maxPop)));
  // Regions: the hull of their cities, widened by a round stroke.
  // The largest first, so that a region inside another stays visible.
  const regions = v.regions.map((name, r) => {
    const pts = P.filter((_, i) => v.cities[i].region === r);
    return { name, r, pts, hp: hull(pts) };
  }).filter((x) => x.pts.length).sort((a, b) => area(b.hp) - area(a.hp));
  regions.forEach(({ name, r, pts, hp }) => {
    // A region of one or two cities: wide enough to show around its largest.
    const width = hp.length > 2 ? 44 : Math.max(44, 24 + 2 * Math.max(...v.cities.map((c, i) => c.region === r ? radius[i] : 0)));
    const fill = REGION_FILLS[r % REGION_FILLS.length];
    // A path, not a polygon, so that a region of one or two cities still
    // shows (a dot or a bar drawn by the round caps).
    let d = "M" + hp.map((p) => p.join(",")).join(" L");
    d += hp.length === 1 ? " l0.01,0" : hp.length > 2 ? " Z" : "";
    el("path", { d, fill, stroke: fill, "stroke-width": width, "stroke-linejoin": "round", "stroke-linecap": "round", opacity: 0.7, class: "region" }, svg);
    const cx = pts.reduce((a, p) => a + p[0], 0) / pts.length, cy = Math.max(...pts.map((p) => p[1]));
    const t = el("text", { x: cx, y: cy + width / 2 + 12, "text-anchor": "middle", class: "region-name" }, svg);
    t.textContent = name;
  });
  // Flows, under the cities.
  document.querySelectorAll("input.flow").forEach((box) => {
    if (!box.checked) return;
    const k = +box.value;
    for (const [o, d, x] of s.flows[k]) {
      const w = 10 * x / flowMax[k];
      if (w < 0.3) continue;
      const [x1, y1] = P[o], [x2, y2] = P[d];
      const mx = (x1 + x2) / 2 - (y2 - y1) * 0.15, my = (y1 + y2) / 2 + (x2 - x1) * 0.15;
      el("path", { d: `M${x1},${y1} Q${mx},${my} ${x2},${y2}`, stroke: FLOW_COLOURS[k], "stroke-width": w.toFixed(2), class: "flow f" + k }, svg);
    }
  });
  // Cities, the largest first so that the small ones stay clickable.
  const order = v.cities.map((_, i) => i).sort((a, b) => s.pop[b] - s.pop[a]);
  for (const i of order) {
    const c = v.cities[i];
    const r = radius[i];
    const circle = el("circle", { cx: P[i][0], cy: P[i][1], r: r.toFixed(2), fill: cityColour(s, i), class: "city" + (state.chosen.has(c.name) ? " chosen" : ""), "data-city": c.name }, svg);
    const title = el("title", {}, circle);
    title.textContent = `${c.name}: ${(s.pop[i] / 1e6).toFixed(2)} M residents, output per head ${fmt(s.opc[i])}, largest sector ${v.sectors[s.sector[i]].name}`;
    circle.addEventListener("click", () => {
      if (state.chosen.has(c.name)) state.chosen.delete(c.name); else state.chosen.add(c.name);
      $("#chosen").textContent = state.chosen.size ? [...state.chosen].join(", ") : "none — click cities on a map";
      drawAll();
    });
  }
  for (const i of order) {
    const c = v.cities[i];
    if (!c.core && v.cities.length > 16 && s.pop[i] < maxPop / 8) continue;
    const t = el("text", { x: P[i][0] + 5, y: P[i][1] - 5, class: "label" }, svg);
    t.textContent = c.name;
  }
}

function drawLegend() {
  const lg = $("#legend");
  lg.innerHTML = "";
  const items = $("#colour").value === "type"
    ? Object.entries(TYPE_COLOURS).map(([t, c]) => [t, c])
    : state.view.sectors.map((s, i) => [s.name + " (" + s.type + ")", PALETTE[i % PALETTE.length]]);
  for (const [name, colour] of items) {
    const span = document.createElement("span");
    span.innerHTML = `<i style="background:${colour}"></i>`;
    span.appendChild(document.createTextNode(name));
    lg.appendChild(span);
  }
}

function fmt(x) {
  if (x === null || x === undefined) return "n/a";
  const a = Math.abs(x);
  if (a !== 0 && (a < 0.01 || a >= 1e5)) return x.toExponential(2);
  return x.toFixed(a < 10 ? 3 : 1);
}

const DIFF_ROWS = [
  ["urbanisation", "Urbanisation"], ["cliff", "Economic cliff"], ["theil", "Theil index"],
  ["specialisation", "Specialisation"], ["synergy_gain", "Synergy gain"],
  ["output_per_capita", "Output per head"], ["population", "Population"], ["policy_cost", "Policy cost this year"],
];

function drawDiff(ev) {
  $("#diff-year").textContent = "in " + ev.year;
  const body = $("#diff tbody");
  body.innerHTML = "";
  for (const [key, label] of DIFF_ROWS) {
    const a = ev.base.metrics[key], b = ev.variant.metrics[key];
    const tr = document.createElement("tr");
    tr.id = "diff-" + key;
    const d = a === null || b === null ? null : b - a;
    tr.innerHTML = `<td>${label}</td><td>${fmt(a)}</td><td>${fmt(b)}</td><td class="${d > 0 ? "up" : d < 0 ? "down" : ""}">${d === null ? "n/a" : (d > 0 ? "+" : "") + fmt(d)}</td>`;
    tr.dataset.diff = d === null ? "" : d;
    body.appendChild(tr);
  }
}

function drawCharts() {
  const h = state.history, v = state.view;
  const years = h.map((e) => e.year);
  const metric = (run, key) => h.map((e) => e[run].metrics[key]);
  const pair = (key, colour) => [
    { values: metric("base", key), colour, dash: [5, 4] },
    { values: metric("variant", key), colour },
  ];
  chart($("#chart-urban"), years, pair("urbanisation", "#243447"), { bands: [[0, 0.3, "#dff0d8", "initiation"], [0.3, 0.7, "#fcf3cf", "agglomeration"], [0.7, 1, "#f5d5d5", "saturation"]], lo: 0, hi: 1 });
  // By city: the chosen cities (at most eight), else the six largest at the start.
  let top = v.cities.map((_, i) => i).filter((i) => state.chosen.has(v.cities[i].name)).slice(0, 8);
  if (!top.length) top = v.cities.map((_, i) => i).sort((a, b) => h[0].base.pop[b] - h[0].base.pop[a]).slice(0, 6);
  const byCity = (field, scale) => top.flatMap((i, n) => [
    { values: h.map((e) => e.base[field][i] / scale), colour: PALETTE[n], dash: [5, 4] },
    { values: h.map((e) => e.variant[field][i] / scale), colour: PALETTE[n], label: v.cities[i].name },
  ]);
  chart($("#chart-pop"), years, byCity("pop", 1e6), { legend: true });
  chart($("#chart-opc"), years, byCity("opc", 1), { legend: true });
  chart($("#chart-cliff"), years, pair("cliff", "#b03a2e"), {});
  chart($("#chart-theil"), years, pair("theil", "#7d3c98"), {});
  chart($("#chart-spec"), years, pair("specialisation", "#1f618d"), {});
  chart($("#chart-synergy"), years, pair("synergy_gain", "#117a65"), {});
}

// chart draws line series over years on a canvas, with optional
// horizontal bands; it records what it drew in data- attributes.
function chart(canvas, years, series, opt) {
  const ctx = canvas.getContext("2d");
  const W = canvas.width, H = canvas.height, L = 52, R = 8, T = 8, B = 22;
  ctx.clearRect(0, 0, W, H);
  let lo = opt.lo, hi = opt.hi;
  const all = series.flatMap((s) => s.values).filter((x) => x !== null && isFinite(x));
  if (lo === undefined) lo = Math.min(...all);
  if (hi === undefined) hi = Math.max(...all);
  if (!all.length) { lo = 0; hi = 1; }
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) { const m = Math.abs(hi) * 0.05 || 0.05; lo -= m; hi += m; }
  const x0 = years[0], x1 = Math.max(years[years.length - 1], x0 + 1, state.view.end_year);
  const X = (x) => L + (W - L - R) * (x - x0) / (x1 - x0);
  const Y = (y) => T + (H - T - B) * (1 - (y - lo) / (hi - lo));
  ctx.font = "11px system-ui, sans-serif";
  for (const [a, b, colour, name] of opt.bands || []) {
    ctx.fillStyle = colour;
    ctx.fillRect(L, Y(b), W - L - R, Y(a) - Y(b));
    ctx.fillStyle = "#888";
    ctx.fillText(name, L + 4, Y(b) + 12);
  }
  ctx.strokeStyle = "#999"; ctx.lineWidth = 1; ctx.setLineDash([]);
  ctx.beginPath(); ctx.moveTo(L, T); ctx.lineTo(L, H - B); ctx.lineTo(W - R, H - B); ctx.stroke();
  ctx.fillStyle = "#444";
  ctx.textAlign = "right";
  for (const y of [lo, (lo + hi) / 2, hi]) ctx.fillText(fmt(y), L - 4, Y(y) + 4);
  [[x0, "left"], [Math.round((x0 + x1) / 2), "center"], [x1, "right"]].forEach(([x, align]) => {
    ctx.textAlign = align;
    ctx.fillText(x, X(x), H - 6);
  });
  ctx.textAlign = "left";
  let ly = T + 10;
  for (const s of series) {
    ctx.strokeStyle = s.colour; ctx.lineWidth = s.dash ? 1.2 : 2; ctx.setLineDash(s.dash || []);
    ctx.beginPath();
    let pen = false;
    s.values.forEach((y, i) => {
      if (y === null || !isFinite(y)) { pen = false; return; }
      if (pen) ctx.lineTo(X(years[i]), Y(y)); else ctx.moveTo(X(years[i]), Y(y));
      pen = true;
    });
    ctx.stroke();
    if (opt.legend && s.label) { ctx.fillStyle = s.colour; ctx.fillText(s.label, W - R - 90, ly); ly += 12; }
  }
  ctx.setLineDash([]);
  canvas.dataset.points = years.length;
  const last = series[series.length - 1].values;
  canvas.dataset.last = last.length ? last[last.length - 1] : "";
}

start().catch((e) => showError("Could not start: " + e.message));
