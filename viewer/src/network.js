// The person network: graphology holds it, ForceAtlas2 lays it out, sigma.js draws it.

import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import Sigma from "sigma";

// Okabe-Ito and Tableau colours, told apart by most readers: the countries with the most
// people get them; the others get hues spread by the golden angle.
const PALETTE = ["#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#8c564b",
  "#7f7f00", "#9467bd", "#17becf", "#bcbd22", "#e377c2"];
const NO_COUNTRY = "#8a939c";
const FADED = "#e2e6ea";
const EDGE = "#b9c2cc";
const EDGE_LIT = "#56616d";

// A colour of hue `h` (degrees) at 55 % saturation and 45 % lightness, as "#rrggbb": sigma's
// WebGL programs read hex and rgb(), not hsl().
function hue(h) {
  const s = 0.55;
  const l = 0.45;
  const a = s * Math.min(l, 1 - l);
  const channel = (n) => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(255 * v).toString(16).padStart(2, "0");
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

export function countryColour(index) {
  if (index === undefined) return NO_COUNTRY;
  if (index < PALETTE.length) return PALETTE[index];
  return hue((index * 137.508) % 360);
}

// A fixed seed: the same file always opens on the same picture.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Layout work, bounded: enough iterations to settle, fewer as the graph grows. */
export function iterationsFor(order) {
  if (order <= 500) return 500;
  if (order <= 1000) return 300;
  return 150;
}

const nextFrame = () => new Promise((resolve) => { setTimeout(resolve, 0); });

/**
 * The network of `model`, to lay out and then draw in `container`.
 *
 * `view.state` (from filters.js) and `view.selection` ({kind, index} or null) decide what is
 * shown; call `refresh()` after changing them. `onPerson(i)` is called on a click on a node.
 */
export function createNetwork(container, model, view, {onPerson}) {
  const graph = new Graph({type: "undirected", allowSelfLoops: false});
  const next = random(1);
  const radius = 10 * Math.sqrt(model.people.length + 1);
  // People who met nobody stay in the lists; the network is of who met whom.
  for (const p of model.people.filter((q) => q.total > 0)) {
    const angle = 2 * Math.PI * next();
    const r = radius * Math.sqrt(next());
    graph.addNode(String(p.i), {
      label: p.name,
      x: r * Math.cos(angle),
      y: r * Math.sin(angle),
      size: 3,
      color: countryColour(p.countries[0]),
    });
  }
  model.pairs.forEach((pair, k) => {
    graph.addEdge(String(pair.a), String(pair.b), {pair: k, weight: pair.meetings.length});
  });

  const state = view.state;
  const {pairCount} = state;
  let maxCount = 1;
  let maxPair = 1;
  let lit = null;
  let renderer = null;

  // Which people a selection lights up: the person and those they met in the range, or the
  // participants of a meeting.
  function litPeople() {
    const sel = view.selection;
    if (!sel) return null;
    const people = new Set();
    if (sel.kind === "person") {
      people.add(sel.index);
      for (const m of model.people[sel.index].meetings) {
        if (state.inRange[m]) for (const p of model.meetings[m].participants) people.add(p.person);
      }
    } else {
      for (const p of model.meetings[sel.index].participants) people.add(p.person);
    }
    return people;
  }

  function nodeReducer(node, data) {
    const i = Number(node);
    const out = {...data, size: 3 + 15 * Math.sqrt(state.count[i] / maxCount)};
    if (!state.inPlay[i]) return {...out, hidden: true};
    const searching = state.tokens.length > 0;
    if ((lit && !lit.has(i)) || (searching && !state.searched[i] && !(lit && lit.has(i)))) {
      return {...out, color: FADED, label: "", zIndex: 0};
    }
    const chosen = view.selection?.kind === "person" && view.selection.index === i;
    return {...out, zIndex: 1, highlighted: chosen || (searching && state.searched[i] === 1)};
  }

  function edgeReducer(edge, data) {
    const n = pairCount[data.pair];
    if (n === 0) return {...data, hidden: true};
    const size = 1 + 4 * Math.sqrt((n - 1) / Math.max(1, maxPair - 1));
    if (lit) {
      const sel = view.selection;
      const [a, b] = graph.extremities(edge).map(Number);
      const on = lit.has(a) && lit.has(b)
        && (sel.kind === "meeting" || a === sel.index || b === sel.index);
      return on ? {...data, size, color: EDGE_LIT, zIndex: 1} : {...data, size: 0.5, color: FADED};
    }
    return {...data, size};
  }

  /**
   * Run ForceAtlas2 for a bounded number of iterations, in slices of about 100 ms so that the
   * lists answer clicks meanwhile. Nothing draws the graph yet: a redraw per slice would cost
   * more than the layout itself where WebGL runs in software.
   */
  async function layout(onProgress) {
    const total = iterationsFor(graph.order);
    // Barnes-Hut from 1,000 people on (graphology's own advice waits for 2,000): exact
    // repulsion costs order² per iteration, 4 million pairs at 2,000.
    const settings = {...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 1000};
    let done = 0;
    let slice = 2;
    while (graph.order > 0 && done < total) {
      const started = performance.now();
      const n = Math.min(slice, total - done);
      forceAtlas2.assign(graph, {iterations: n, settings, getEdgeWeight: "weight"});
      done += n;
      const each = (performance.now() - started) / n;
      slice = Math.max(1, Math.min(200, Math.round(100 / Math.max(each, 0.01))));
      onProgress?.(done / total);
      await nextFrame();
    }
  }

  /** Draw the laid-out network with sigma; throws where WebGL is missing. */
  function draw() {
    renderer = new Sigma(graph, container, {
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: 7,
      labelDensity: 0.6,
      labelFont: "system-ui, sans-serif",
      zIndex: true,
      minCameraRatio: 0.01,
      maxCameraRatio: 10,
      defaultEdgeColor: EDGE,
      // A few people fill the canvas: leave room for the labels of those at its edge.
      stagePadding: graph.order < 100 ? 120 : 30,
      // Thousands of people: draw edges and labels again once the camera stops, so that
      // panning stays fluid on machines without a fast GPU.
      hideEdgesOnMove: graph.order > 2000,
      hideLabelsOnMove: graph.order > 2000,
      nodeReducer,
      edgeReducer,
    });
    renderer.on("clickNode", ({node}) => onPerson(Number(node)));
    renderer.on("enterNode", () => { container.style.cursor = "pointer"; });
    renderer.on("leaveNode", () => { container.style.cursor = ""; });
    refresh();
    return renderer;
  }

  /** Redraw after the filters or the selection changed. */
  function refresh() {
    maxCount = state.count.reduce((a, b) => Math.max(a, b), 1);
    maxPair = pairCount.reduce((a, b) => Math.max(a, b), 1);
    lit = litPeople();
    renderer?.refresh();
  }

  /** Centre the camera on a person, keeping the zoom. */
  function focus(i) {
    const at = renderer?.getNodeDisplayData(String(i));
    if (at) renderer.getCamera().animate({x: at.x, y: at.y}, {duration: 300});
  }

  return {graph, layout, draw, refresh, focus, get renderer() { return renderer; }};
}

/** Stand in for the network where WebGL is missing: the lists still work. */
export function networkFallback(container, error) {
  const note = document.createElement("p");
  note.className = "fallback";
  note.textContent = `The network cannot be drawn in this browser (${error.message}); `
    + "the lists of people and meetings beside it still work.";
  container.replaceChildren(note);
}
