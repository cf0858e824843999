// The page kg.write_html writes: the payload of kg/view.py, drawn as a person network beside
// lists of people and meetings. Built into kg/static/view.js by `npm run build`.
//
// window.__diplographTimings holds milliseconds since navigation: when the data was read, the
// lists were built and filled, the network laid out (ForceAtlas2) and then first drawn.
// window.__diplographReady is true (and <html data-ready>) once it is drawn.
// window.__diplograph.network holds the graphology graph and the sigma renderer, for
// benchmarks/view.py and the curious.

import {createFilters, parseRange} from "./filters.js";
import {h} from "./dom.js";
import {createLists} from "./lists.js";
import {buildModel} from "./model.js";
import {countryColour, createNetwork, networkFallback} from "./network.js";

const timings = {};
window.__diplographTimings = timings;
window.__diplographReady = false;

const $ = (id) => document.getElementById(id);

const data = JSON.parse($("diplograph-data").textContent);
const model = buildModel(data);
timings.data = performance.now();

const state = createFilters(model);
const view = {state, selection: null};
const fields = {search: $("search"), since: $("since"), until: $("until")};

// ---- the summary line and the colour legend ---------------------------------------------

function summary() {
  const cut = Object.entries(model.filter).filter(([, v]) => v)
    .map(([k, v]) => `${k} ${v}`);
  const span = model.first ? ` · ${model.first} to ${model.last}` : "";
  return `${model.people.length} people, ${model.meetings.length} meetings, `
    + `${model.articles.length} articles${span}${cut.length ? ` (cut to ${cut.join(", ")})` : ""}`;
}
$("summary").textContent = summary();
if (model.first) {
  fields.since.placeholder = model.first.slice(0, 4);
  fields.until.placeholder = model.last.slice(0, 4);
}

// The colours of the countries with the most people (the payload lists them first); a
// person's colour is their first country's.
function legend() {
  const shown = model.countries.slice(0, 12).map((name, i) => h("li", {},
    h("span", {class: "swatch", style: `background:${countryColour(i)}`}), name));
  if (model.people.some((p) => p.countries.length === 0)) {
    shown.push(h("li", {}, h("span", {class: "swatch", style: `background:${countryColour()}`}),
      "no country known"));
  }
  if (model.countries.length > 12) shown.push(h("li", {}, `and ${model.countries.length - 12} more`));
  $("legend").replaceChildren(...shown);
  $("legend").hidden = shown.length === 0;
}
legend();

// ---- selection ------------------------------------------------------------------------------

let network = null;

function selectPerson(i, from) {
  view.selection = {kind: "person", index: i};
  lists.showPerson(i, state);
  network.refresh();
  if (from === "list") network.focus(i);
}

function selectMeeting(i) {
  view.selection = {kind: "meeting", index: i};
  lists.showMeeting(i);
  network.refresh();
}

const lists = createLists(model, {people: $("people"), meetings: $("meetings"), details: $("details")},
  {onPerson: selectPerson, onMeeting: selectMeeting});

// ---- filters --------------------------------------------------------------------------------

function counts() {
  const people = state.personShown.reduce((a, b) => a + b, 0);
  const meetings = state.meetingShown.reduce((a, b) => a + b, 0);
  $("people-count").textContent = people === model.people.length ? `(${people})`
    : `(${people} of ${model.people.length})`;
  $("meetings-count").textContent = meetings === model.meetings.length ? `(${meetings})`
    : `(${meetings} of ${model.meetings.length})`;
}

function applyFilters() {
  const range = parseRange(fields.since.value, fields.until.value);
  for (const name of ["since", "until"]) {
    fields[name].setAttribute("aria-invalid", String(range.invalid.includes(name)));
  }
  state.apply({query: fields.search.value, lo: range.lo, hi: range.hi});
  lists.update(state);
  counts();
  const sel = view.selection;
  if (sel?.kind === "person") lists.showPerson(sel.index, state); // its meetings in the range
  network.refresh();
}

let pending = 0;
function soon() {
  // Typing in a graph of thousands: filter once the keys pause.
  clearTimeout(pending);
  pending = setTimeout(applyFilters, model.meetings.length > 2000 ? 120 : 0);
}
for (const field of Object.values(fields)) field.addEventListener("input", soon);

const form = $("filters");
// The form is never sent anywhere (and the page's policy would refuse it).
form.addEventListener("submit", (event) => event.preventDefault());
fields.search.addEventListener("keydown", (event) => {
  // Enter opens the first person the search finds.
  if (event.key !== "Enter") return;
  event.preventDefault();
  clearTimeout(pending);
  applyFilters();
  const first = document.querySelector("#people > li:not([hidden]) > button");
  if (first && fields.search.value.trim()) first.click();
});
form.addEventListener("reset", () => {
  setTimeout(() => {
    view.selection = null;
    lists.showNothing("Click a person or a meeting, in the network or in the lists below.");
    applyFilters();
  });
});

// ---- the network ----------------------------------------------------------------------------

const graphBox = $("graph");
network = createNetwork(graphBox, model, view, {onPerson: (i) => selectPerson(i, "graph")});
window.__diplograph = {network, model};
applyFilters();
timings.lists = performance.now();

async function start() {
  graphBox.dataset.renderer = "layout";
  await network.layout((done) => {
    graphBox.dataset.progress = String(Math.round(100 * done));
  });
  timings.laidOut = performance.now();
  try {
    network.draw();
    graphBox.dataset.renderer = "sigma";
  } catch (error) {
    console.warn("diplograph: no network drawing:", error);
    networkFallback(graphBox, error);
    graphBox.dataset.renderer = "none";
  }
  await new Promise((resolve) => { requestAnimationFrame(() => requestAnimationFrame(resolve)); });
  timings.firstRender = performance.now();
  window.__diplographReady = true;
  document.documentElement.dataset.ready = "true";
}
start();
