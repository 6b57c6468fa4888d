// Collapsed spans of the async lanes: any placed span with children may be collapsed (a root task,
// as lane-groups.ts' groups, or any span below one). A collapsed span stays drawn on its row and
// hides its placed descendants that lie inside its time extent; the layout's rows never move.
// A descendant outside the extent of every collapsed ancestor (an orphan end drawn from the
// capture start, a child outliving its parent) stays drawn, so it is never dropped where its
// ancestor is not in the window: the rule of lane-groups.ts' GroupLinks, for every collapse.
// Each hidden span is counted once, by the nearest drawn collapsed ancestor whose extent holds it:
// a collapsed span hidden under another one (a collapsed inner span under a collapsed root) draws
// nothing and counts nothing. Lying inside an extent is transitive (a span inside a collapsed
// span that is itself hidden lies inside the one hiding it), so whether a span is hidden does not
// depend on which of its collapsed ancestors are drawn.
// Cost: a walk of each collapsed subtree (children lists, as tree.ts' SpanTree), O(size of the
// subtrees) with a yield every SPANS_PER_STEP spans (base/time-slices.ts). Pure: no DOM.
import { runAtOnce, type Steps } from '../base/time-slices';
import type { SpanTimes } from './lane-groups';
import type { LaneLayout } from './lanes';

/** Children lists of the layout's parents (tree.ts' CSR form; the roots are node n's children). */
export interface Children {
  childStart: Uint32Array;
  childIndex: Uint32Array;
}

export interface Collapse {
  /** 1 at each placed span that a collapsed ancestor hides. */
  hidden: Uint8Array;
  /** 1 at each drawn collapsed span with children (▸, a strip, "+N spans"). */
  collapsed: Uint8Array;
  /** How many spans each drawn collapsed span hides (0 at the other spans). */
  hiddenCount: Int32Array;
}

/** Spans a step handles between two yields (a few ms on large). */
const SPANS_PER_STEP = 1 << 16;

/** The placed children of each span of `layout` (by its `parent`), in span order. */
export function* layoutChildrenSteps(layout: Pick<LaneLayout, 'parent' | 'row'>): Steps<Children> {
  const { parent, row } = layout;
  const n = parent.length;
  const childStart = new Uint32Array(n + 2);
  for (let from = 0; from < n; from += SPANS_PER_STEP) {
    const to = Math.min(n, from + SPANS_PER_STEP);
    for (let i = from; i < to; i++)
      if (row[i] >= 0) childStart[(parent[i] < 0 ? n : parent[i]) + 1]++;
    yield;
  }
  for (let s = 0; s <= n; s++) childStart[s + 1] += childStart[s];
  const cursor = childStart.slice(0, n + 1);
  const childIndex = new Uint32Array(childStart[n + 1]);
  for (let from = 0; from < n; from += SPANS_PER_STEP) {
    const to = Math.min(n, from + SPANS_PER_STEP);
    for (let i = from; i < to; i++) {
      if (row[i] < 0) continue;
      const p = parent[i];
      childIndex[cursor[p < 0 ? n : p]++] = i;
    }
    yield;
  }
  return { childStart, childIndex };
}

export function layoutChildren(layout: Pick<LaneLayout, 'parent' | 'row'>): Children {
  return runAtOnce(layoutChildrenSteps(layout));
}

/** An Int32Array stack that grows. */
class Stack {
  values = new Int32Array(64);
  length = 0;

  push(v: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = v;
  }
}

/** The walk's state: the drawn collapsed spans above the span visited, with their counts. */
interface Walk {
  layout: Pick<LaneLayout, 'parent' | 'row'>;
  times: SpanTimes;
  children: Children;
  isCollapsed: Uint8Array;
  out: Collapse;
  chain: Stack;
  counts: Stack;
  /** The spans still to visit, each with the chain's depth above it. */
  nodes: Stack;
  depths: Stack;
}

/**
 * The collapse of `layout` when the spans marked in `isCollapsed` (listed in `spans`: lists, in
 * any order) are collapsed; null when none of them is a placed span with children.
 */
export function collapse(
  layout: Pick<LaneLayout, 'parent' | 'row'>,
  times: SpanTimes,
  children: Children,
  spans: readonly ArrayLike<number>[],
  isCollapsed: Uint8Array,
): Collapse | null {
  return runAtOnce(collapseSteps(layout, times, children, spans, isCollapsed));
}

export function* collapseSteps(
  layout: Pick<LaneLayout, 'parent' | 'row'>,
  times: SpanTimes,
  children: Children,
  spans: readonly ArrayLike<number>[],
  isCollapsed: Uint8Array,
): Steps<Collapse | null> {
  const n = layout.parent.length;
  const out = {
    hidden: new Uint8Array(n),
    collapsed: new Uint8Array(n),
    hiddenCount: new Int32Array(n),
  };
  const [chain, counts, nodes, depths] = [new Stack(), new Stack(), new Stack(), new Stack()];
  const walk: Walk = { layout, times, children, isCollapsed, out, chain, counts, nodes, depths };
  let any = false;
  let work = 0; // spans looked at since the last yield
  for (const list of spans)
    for (let k = 0; k < list.length; k++) {
      if (++work >= SPANS_PER_STEP) {
        work = 0;
        yield;
      }
      if (!isTop(walk, list[k])) continue;
      any = true;
      start(walk, list[k]);
      for (;;) {
        work += advance(walk, SPANS_PER_STEP - work);
        if (walk.nodes.length === 0) break;
        work = 0;
        yield;
      }
      flushTo(walk, 0);
    }
  return any ? out : null;
}

const hasChildren = (c: Children, i: number) => c.childStart[i + 1] > c.childStart[i];

/** A placed collapsed span with children and no collapsed ancestor: a walk starts there. */
function isTop(w: Walk, span: number): boolean {
  const { parent, row } = w.layout;
  if (span < 0 || span >= parent.length || row[span] < 0 || !w.isCollapsed[span]) return false;
  if (!hasChildren(w.children, span)) return false;
  for (let p = parent[span], steps = 0; p >= 0 && steps < parent.length; p = parent[p], steps++)
    if (w.isCollapsed[p]) return false;
  return true;
}

/** Whether span i lies inside span a's time extent (closed). */
const inside = (t: SpanTimes, i: number, a: number) =>
  t.beginNs[i] >= t.beginNs[a] && t.endNs[i] <= t.endNs[a];

/** Starts a walk of the subtree of `top` (its spans go on the stack of spans to visit). */
function start(w: Walk, top: number): void {
  const { childStart, childIndex } = w.children;
  const { chain, counts, nodes, depths } = w;
  chain.length = counts.length = nodes.length = depths.length = 0;
  chain.push(top);
  counts.push(0);
  w.out.collapsed[top] = 1;
  for (let k = childStart[top]; k < childStart[top + 1]; k++) {
    nodes.push(childIndex[k]);
    depths.push(1);
  }
}

/**
 * Visits up to `budget` spans of the walk, depth first (each with the depth of the chain above
 * it), hiding and counting; returns how many it visited.
 */
function advance(w: Walk, budget: number): number {
  const { childStart, childIndex } = w.children;
  const { chain, nodes, depths } = w;
  let visited = 0;
  while (nodes.length > 0 && visited < budget) {
    const d = nodes.values[--nodes.length];
    flushTo(w, depths.values[--depths.length]);
    visit(w, d);
    for (let k = childStart[d]; k < childStart[d + 1]; k++) {
      nodes.push(childIndex[k]);
      depths.push(chain.length);
    }
    visited++;
  }
  return visited;
}

/** Span d: hidden by the nearest chain span whose extent holds it, or drawn (and maybe a hider). */
function visit(w: Walk, d: number): void {
  const { chain, counts } = w;
  for (let c = chain.length - 1; c >= 0; c--) {
    if (!inside(w.times, d, chain.values[c])) continue;
    w.out.hidden[d] = 1;
    counts.values[c]++;
    return;
  }
  if (!w.isCollapsed[d] || !hasChildren(w.children, d)) return;
  w.out.collapsed[d] = 1;
  chain.push(d);
  counts.push(0);
}

/** Ends the chain spans at `depth` and below (their subtrees are walked): records their counts. */
function flushTo(w: Walk, depth: number): void {
  const { chain, counts } = w;
  while (chain.length > depth) {
    const span = chain.values[--chain.length];
    w.out.hiddenCount[span] = counts.values[--counts.length];
  }
}
