// The span tree panel's derived data, memoized from the view store: the tree, durations and self
// times, the sibling order of the chosen sort, the filter marks (brush + search; computed across
// tasks after the render, the previous ones shown meanwhile), the expansion state and the
// flattened rows. Expansion is kept per mode: clearing a filter restores the tree
// as the user left it. React hook; the algorithms live in src/model.
import { useDeferredValue, useMemo, useReducer, useRef } from 'react';
import type { SpanTable } from '../../model/span-table';
import type { Steps } from '../../base/time-slices';
import { selfBoundFlagsSteps } from '../../model/self-time';
import { filterMaskOf, spanBasis } from '../../model/analysis';
import {
  ANCESTOR,
  FORCED,
  ancestorsOf,
  carryFlagsBySpanId,
  flattenVisibleSteps,
  markAncestors,
  siblingOrder,
  type SiblingOrder,
  type SpanTree,
  type VisibleRows,
} from '../../model/tree';
import {
  filterMarksSteps,
  isFilterActive,
  type FilterMarks,
  type TreeFilter,
} from '../../model/tree-filter';
import { histogramNameIndex } from '../../store/view-state';
import { useView } from '../store-context';
import { useSliced, useStepped } from '../use-sliced';
import { columnUnits, type ColumnUnits } from './tree-cells';

export type SortKey = 'start' | 'duration' | 'self';

export interface TreeSort {
  key: SortKey;
  descending: boolean;
}

interface TreeBase {
  processId: string | null;
  spans: SpanTable;
  tree: SpanTree;
  selfNs: Float64Array;
  /** 1 where the self time is a lower bound (see selfBoundFlags). */
  selfIsBound: Uint8Array;
  /** One unit per numeric column. */
  units: ColumnUnits;
}

export interface TreeModel extends TreeBase {
  /** The marks shown: the current filters', or while `filterPending`, the previous ones. */
  filter: FilterMarks | null;
  /** The current filters' marks, or the rows they show, are being computed. */
  filterPending: boolean;
  marks: Uint8Array | null;
  /** Expansion flags of the current mode (filtered or not), mutated through the actions. */
  expanded: Uint8Array;
  /** The rows shown: of the current expansion, or while they are computed, the previous ones. */
  visible: VisibleRows;
}

export interface TreeActions {
  setExpanded(row: number, open: boolean): void;
  setAllExpanded(open: boolean): void;
  /** Expands the ancestors of `row` (and shows it under a filter). */
  reveal(row: number): void;
}

/** What a base is built for. */
interface BaseInputs {
  spans: SpanTable;
  processId: string | null;
}

/**
 * The base of a table, once per table: a render React restarts (the tree's is deferred, so it
 * may be interrupted) gets the same base, not a new one that useTreeExpansion would take for a
 * newer table of the process and carry the expansion to by span id (large: ~0.15 s for nothing).
 */
const bases = new WeakMap<SpanTable, TreeBase>();

/**
 * The tree and self times are the analysis panels' (spanBasis, computed once per table); the
 * self-time bounds pass over the rows in steps (large: 1.76M).
 */
function* baseSteps({ spans, processId }: BaseInputs): Steps<TreeBase> {
  const known = bases.get(spans);
  if (known && known.processId === processId) return known;
  const { tree, selfNs } = spanBasis(spans);
  const selfIsBound = yield* selfBoundFlagsSteps(spans, tree);
  const base = { processId, spans, tree, selfNs, selfIsBound, units: columnUnits(spans) };
  bases.set(spans, base);
  return base;
}

/** Each span's duration, made only while the tree is sorted by it (8 B per span). */
function durationsNs(spans: SpanTable): Float64Array {
  const out = new Float64Array(spans.length);
  for (let i = 0; i < spans.length; i++) out[i] = spans.endNs[i] - spans.beginNs[i];
  return out;
}

/** A filter's inputs (compared by identity) with the base they apply to. */
interface FilterInputs extends TreeFilter {
  base: TreeBase;
}

const sameFilter = (a: FilterInputs, b: FilterInputs) =>
  (Object.keys(a) as (keyof FilterInputs)[]).every((k) => a[k] === b[k]);

const marksSteps = (inputs: FilterInputs) =>
  filterMarksSteps(inputs.base.spans, inputs.base.tree, inputs);

/**
 * The filter marks of the view's filters, computed in slices after the render (large: 1.76M
 * spans per keystroke): the last ones finished for the same base (null before, or with no filter
 * active), and whether they are the current filters' (`pending` false).
 */
function useFilter(base: TreeBase | null): { filter: FilterMarks | null; pending: boolean } {
  const brush = useView((s) => s.brush);
  const brushNameIndex = useView((s) => histogramNameIndex(s.spans, s.histogramName));
  // the tree follows a keystroke in a render of its own, after the timeline's (two shorter tasks)
  const search = useDeferredValue(useView((s) => s.search));
  const viewFilter = useView((s) => s.filter);
  const callPath = useView((s) => s.callPath);
  const inputs = useMemo((): FilterInputs | null => {
    if (!base) return null;
    const include = filterMaskOf(base.spans, viewFilter, callPath);
    return { base, brush, brushNameIndex, search, include };
  }, [base, brush, brushNameIndex, search, viewFilter, callPath]);
  const active = !!inputs && isFilterActive(inputs);
  const done = useSliced(active ? inputs : null, marksSteps);
  if (!inputs || !active) return { filter: null, pending: false };
  if (!done || done.inputs.base !== inputs.base) return { filter: null, pending: true };
  return { filter: done.value, pending: !sameFilter(done.inputs, inputs) };
}

/**
 * Expansion flags of the unfiltered tree; a newer table of the same process (live view) keeps
 * the spans that were open.
 */
function useTreeExpansion(base: TreeBase | null): Uint8Array {
  const ref = useRef<{ base: TreeBase | null; flags: Uint8Array } | null>(null);
  if (ref.current?.base !== base) {
    const flags = new Uint8Array(base?.tree.length ?? 0);
    const old = ref.current;
    if (old?.base && base && old.base.processId === base.processId) {
      carryFlagsBySpanId(old.base.spans.spanId, old.flags, base.spans.spanId, flags);
    }
    ref.current = { base, flags };
  }
  return ref.current.flags;
}

/** Expansion flags under a filter: every ancestor of a match open, until the filter changes. */
function useFilterExpansion(filter: FilterMarks | null, length: number): Uint8Array {
  const ref = useRef<{ filter: FilterMarks | null; flags: Uint8Array } | null>(null);
  if (ref.current?.filter !== filter) {
    const flags = new Uint8Array(filter ? length : 0);
    if (filter) for (let i = 0; i < length; i++) flags[i] = filter.marks[i] & ANCESTOR ? 1 : 0;
    ref.current = { filter, flags };
  }
  return ref.current.flags;
}

function treeActions(
  base: TreeBase | null,
  expanded: Uint8Array,
  marks: Uint8Array | null,
  bump: () => void,
): TreeActions {
  return {
    setExpanded: (row, open) => {
      expanded[row] = open ? 1 : 0;
      bump();
    },
    setAllExpanded: (open) => {
      expanded.fill(open ? 1 : 0);
      bump();
    },
    reveal: (row) => {
      if (!base || row < 0 || row >= base.tree.length) return;
      let changed = false;
      if (marks && marks[row] === 0) {
        marks[row] |= FORCED;
        markAncestors(base.tree, marks, row);
        changed = true;
      }
      for (const p of ancestorsOf(base.tree, row)) {
        changed ||= expanded[p] === 0;
        expanded[p] = 1;
      }
      if (changed) bump();
    },
  };
}

/** What the rows shown are computed from (compared by identity). */
interface FlattenInputs {
  base: TreeBase;
  order: SiblingOrder;
  expanded: Uint8Array;
  marks: Uint8Array | null;
  /** Bumped by in-place changes of `expanded` and `marks`. */
  version: number;
}

const flattenOf = (inputs: FlattenInputs) =>
  flattenVisibleSteps(inputs.base.tree, inputs.order, inputs.expanded, inputs.marks);

/**
 * Steps of a flattening run in the render (each passes 2^15 rows, < 1 ms); the rest run across
 * tasks (medium's whole tree expanded takes 7 steps; large under a search shows ~10^6 rows).
 */
const FLATTEN_STEPS_NOW = 4;

/**
 * The tree model of the view's table, built in a render of its own after the one that shows a
 * new table (useDeferredValue: large's first view commits without it, ~0.2 s less in one task);
 * `building` is true while the model is of the previous table (or none) and the new one builds
 * (its base and first rows shown included: large's are computed across tasks).
 */
export function useTreeModel(sort: TreeSort): [TreeModel | null, TreeActions, boolean] {
  const latest = useView((s) => s.spans);
  // null at first: a panel mounted with the first table builds it in a render of its own too
  const spans = useDeferredValue(latest, null);
  const processId = useDeferredValue(
    useView((s) => s.processId),
    null,
  );
  const baseInputs = useMemo(() => spans && { spans, processId }, [spans, processId]);
  // the first step in the render: a table under 2^16 spans gets its base at once
  const based = useStepped(baseInputs, baseSteps, 0);
  // while a new table's base builds, the previous one stays (as a deferred render keeps it)
  const base = baseInputs && based ? based.value : null;
  const building = spans !== latest || (base !== null && based?.inputs !== baseInputs);
  const { filter, pending } = useFilter(base);
  const marks = filter?.marks ?? null;
  const order = useMemo(() => {
    if (!base) return null;
    const key =
      sort.key === 'start' ? null : sort.key === 'duration' ? durationsNs(base.spans) : base.selfNs;
    return siblingOrder(base.tree, key, sort.descending);
  }, [base, sort.key, sort.descending]);
  const n = base?.tree.length ?? 0;
  const normal = useTreeExpansion(base);
  const filtered = useFilterExpansion(filter, n);
  const expanded = marks ? filtered : normal;
  const [version, bump] = useReducer((v: number) => v + 1, 0);
  const flatInputs = useMemo(
    () => base && order && { base, order, expanded, marks, version },
    // `version` stands for in-place changes of `expanded` and `marks`.
    [base, order, expanded, marks, version],
  );
  const flat = useStepped(flatInputs, flattenOf, FLATTEN_STEPS_NOW);
  const visible = flat && flat.inputs.base === base ? flat.value : null;
  const flattening = flat?.inputs !== flatInputs;
  // no reveal while building: a selection made in the new table is no row of the old one
  const actions = useMemo(
    () => treeActions(building ? null : base, expanded, marks, bump),
    [building, base, expanded, marks, bump],
  );
  if (!base || !visible) return [null, actions, building || spans !== null];
  const filterPending = pending || (flattening && marks !== null);
  return [{ ...base, filter, filterPending, marks, expanded, visible }, actions, building];
}
