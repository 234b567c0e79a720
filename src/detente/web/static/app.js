// detente dashboard: four views over the REST API; charts with Vega-Lite (shipped in vendor/).
const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));

async function api(path, params, init) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v != null) url.searchParams.set(k, v);
  const r = await fetch(url, init);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText);
  return body;
}

function show(view) {
  document.querySelectorAll(".view").forEach((v) => v.classList.toggle("active", v.id === "view-" + view));
  document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.view === view));
}
window.addEventListener("hashchange", () => show(location.hash.slice(1) || "relations"));

function eventsTable(el, events, onClick) {
  el.innerHTML = "<tr><th>date</th><th>source</th><th>action</th><th>target</th><th>mode</th><th>evidence</th></tr>" +
    events.map((e, i) => `<tr class="event-row" data-i="${i}"><td>${esc(e.date)}</td><td>${esc(e.source)}</td>` +
      `<td>${esc(e.cameo)} ${esc(e.plover)}</td><td>${esc(e.target)}</td><td class="mode-${esc(e.mode)}">${esc(e.mode)}</td>` +
      `<td>${esc(e.evidence)}</td></tr>`).join("");
  el.querySelectorAll("tr.event-row").forEach((tr) => tr.addEventListener("click", () => onClick(events[+tr.dataset.i])));
}

// -- 1. relations -------------------------------------------------------------------------
let relQuery = null;
async function relations(ev) {
  if (ev) ev.preventDefault();
  const f = new FormData($("#rel-form"));
  relQuery = {a: f.get("a").toUpperCase(), b: f.get("b").toUpperCase(), freq: f.get("freq")};
  const data = await api("/api/relations", relQuery);
  const rows = data.series.map((r) => ({period: r.period, cooperation: r.both_verbal_coop + r.both_material_coop,
    conflict: -(r.both_verbal_conflict + r.both_material_conflict), goldstein: r.both_goldstein_sum, events: r.both_events}));
  const bars = rows.flatMap((r) => [{period: r.period, kind: "cooperation", n: r.cooperation},
                                    {period: r.period, kind: "conflict", n: r.conflict}]);
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json", width: 760, height: 280,
    layer: [
      {data: {values: bars}, mark: "bar", params: [{name: "pick", select: {type: "point", fields: ["period"]}}],
       encoding: {x: {field: "period", type: "temporal", title: null}, y: {field: "n", type: "quantitative", title: "events"},
                  color: {field: "kind", scale: {domain: ["cooperation", "conflict"], range: ["#3b7dd8", "#d8533b"]}},
                  tooltip: [{field: "period", type: "temporal"}, {field: "kind"}, {field: "n"}]}},
      {data: {values: rows}, mark: {type: "line", color: "#222"},
       encoding: {x: {field: "period", type: "temporal"}, y: {field: "goldstein", type: "quantitative", title: "Goldstein sum"}}},
      {data: {values: data.turning_points}, mark: {type: "rule", strokeDash: [4, 3], color: "#777"},
       encoding: {x: {field: "period", type: "temporal"}}},
    ],
    resolve: {scale: {y: "independent"}},
  };
  const view = (await vegaEmbed("#rel-chart", spec, {actions: false, renderer: "svg"})).view;
  $("#rel-chart").dataset.periods = rows.length;
  view.addEventListener("click", (event, item) => { if (item && item.datum && item.datum.period) periodEvents(item.datum.period); });
  $("#rel-turning").innerHTML = data.turning_points.length ? "<strong>Turning points</strong><ul>" + data.turning_points.map((t) =>
    `<li>${esc(t.period.slice(0, 7))}: ${esc(t.direction)} (${t.before.toFixed(1)} → ${t.after.toFixed(1)})` +
    (t.events[0] ? ` — ${esc(t.events[0].evidence)}` : "") + "</li>").join("") + "</ul>" : "";
}

function periodEnd(start, freq) {
  const d = new Date(start);
  if (freq === "W") d.setUTCDate(d.getUTCDate() + 6);
  else { d.setUTCMonth(d.getUTCMonth() + ({M: 1, Q: 3, Y: 12}[freq])); d.setUTCDate(d.getUTCDate() - 1); }
  return d.toISOString().slice(0, 10);
}

async function periodEvents(period) {
  const start = new Date(period).toISOString().slice(0, 10);
  const end = periodEnd(start, relQuery.freq);
  const data = await api("/api/events", {a: relQuery.a, b: relQuery.b, start, end, limit: 200});
  $("#rel-period-title").textContent = `${relQuery.a}–${relQuery.b}, ${start} to ${end}: ${data.total} events`;
  eventsTable($("#rel-events"), data.events, (e) => { location.hash = "evidence"; openDocument(e.doc_id, e.event_id); });
}

// -- 2. evidence --------------------------------------------------------------------------
async function evidence(ev) {
  if (ev) ev.preventDefault();
  const f = new FormData($("#ev-form"));
  const data = await api("/api/events", {actor: f.get("actor").toUpperCase(), q: f.get("q"), mode: f.get("mode"), limit: 100});
  eventsTable($("#ev-events"), data.events, (e) => openDocument(e.doc_id, e.event_id));
}

function highlight(text, spans) {
  // spans: [start, end, class]; nested marks are flattened by cutting at every boundary
  const cuts = new Set([0, text.length]);
  spans.forEach(([s, e]) => { cuts.add(s); cuts.add(e); });
  const points = [...cuts].sort((x, y) => x - y);
  let html = "";
  for (let i = 0; i < points.length - 1; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const classes = spans.filter(([a, b]) => a <= s && e <= b).map((x) => x[2]);
    const piece = esc(text.slice(s, e));
    html += classes.length ? `<mark class="${classes.join(" ")}">${piece}</mark>` : piece;
  }
  return html;
}

async function openDocument(docId, eventId) {
  const doc = await api("/api/documents/" + encodeURIComponent(docId));
  const e = doc.events.find((x) => x.event_id === eventId) || doc.events[0];
  const spans = [];
  if (e) {
    spans.push([e.start, e.end, "sentence"], [e.trigger_start, e.trigger_end, "trigger " + e.mode]);
    if (e.source_start != null) spans.push([e.source_start, e.source_end, "source"]);
    if (e.target_start != null) spans.push([e.target_start, e.target_end, "target"]);
  }
  $("#ev-document").innerHTML = `<h3>${esc(doc.title || doc.doc_id)} <small>${esc(doc.date)}</small></h3>` +
    (e ? `<p>${esc(e.source)} → ${esc(e.cameo)} → ${esc(e.target)} (${esc(e.mode)})</p>` : "") +
    `<div class="doc">${highlight(doc.text || "", spans)}</div>`;
}

// -- 3. network ---------------------------------------------------------------------------
async function networkView(ev) {
  if (ev) ev.preventDefault();
  const f = new FormData($("#net-form"));
  const data = await api("/api/network", {start: f.get("start"), end: f.get("end"), top: f.get("top")});
  const svg = $("#net-graph"), W = 720, H = 520, R = 200;
  const nodes = [...new Set(data.dyads.flatMap((d) => [d.source, d.target]))];
  const pos = Object.fromEntries(nodes.map((n, i) => [n, [W / 2 + R * Math.cos(2 * Math.PI * i / nodes.length),
                                                          H / 2 + R * Math.sin(2 * Math.PI * i / nodes.length)]]));
  const maxN = Math.max(1, ...data.dyads.map((d) => d.events));
  svg.innerHTML = data.dyads.map((d) => {
    const [x1, y1] = pos[d.source], [x2, y2] = pos[d.target];
    const colour = d.goldstein_sum >= 0 ? "#3b7dd8" : "#d8533b";
    return `<line class="edge" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${colour}" stroke-opacity=".6"
      stroke-width="${1 + 7 * d.events / maxN}"><title>${esc(d.source)}→${esc(d.target)}: ${d.events} events, Goldstein ${d.goldstein_sum.toFixed(1)}</title></line>`;
  }).join("") + nodes.map((n) => `<g class="node"><circle cx="${pos[n][0]}" cy="${pos[n][1]}" r="16" fill="#243447"/>` +
    `<text x="${pos[n][0]}" y="${pos[n][1] + 4}" text-anchor="middle" fill="#fff" font-size="10">${esc(n)}</text></g>`).join("");
}

// -- 4. try it ----------------------------------------------------------------------------
async function tryIt(ev) {
  if (ev) ev.preventDefault();
  const f = new FormData($("#try-form"));
  const text = f.get("text");
  const body = {text};
  if (f.get("date")) body.date = f.get("date");
  const data = await api("/api/code", null, {method: "POST", headers: {"content-type": "application/json"}, body: JSON.stringify(body)});
  const spans = data.events.flatMap((e) => [[e.trigger_span[0], e.trigger_span[1], "trigger " + e.mode],
    ...(e.source_span ? [[e.source_span[0], e.source_span[1], "source"]] : []),
    ...(e.target_span ? [[e.target_span[0], e.target_span[1], "target"]] : [])]);
  $("#try-text").innerHTML = highlight(text, spans);
  eventsTable($("#try-events"), data.events, () => {});
}

$("#rel-form").addEventListener("submit", relations);
$("#ev-form").addEventListener("submit", evidence);
$("#net-form").addEventListener("submit", networkView);
$("#try-form").addEventListener("submit", tryIt);
show(location.hash.slice(1) || "relations");
relations();
networkView();
