// Keyboard navigation of the span tree as a pure function: a key and the shown rows in, what to
// do out (select a span, expand or collapse one). Follows the WAI-ARIA tree pattern: ↑/↓ move,
// → expands or enters, ← collapses or goes to the parent, Enter toggles, Home/End, PageUp/Down.
// No React, no DOM.
import { hasShownChildren, positionOf, type SpanTree, type VisibleRows } from '../../model/tree';

export interface TreeKeyContext {
  tree: SpanTree;
  visible: VisibleRows;
  expanded: Uint8Array;
  marks: Uint8Array | null;
  /** Selected span (row index into the span table), or -1. */
  selected: number;
  pageRows: number;
}

export type TreeKeyAction =
  | { kind: 'select'; row: number }
  | { kind: 'expand'; row: number }
  | { kind: 'collapse'; row: number };

/** What `key` does, or null when the tree does not handle it. */
export function treeKeyAction(key: string, ctx: TreeKeyContext): TreeKeyAction | null {
  const { visible, selected } = ctx;
  if (visible.count === 0) return null;
  const at = selected >= 0 ? positionOf(visible, selected) : -1;
  const selectAt = (position: number): TreeKeyAction => ({
    kind: 'select',
    row: visible.rows[Math.min(Math.max(position, 0), visible.count - 1)],
  });
  const moves: Record<string, () => TreeKeyAction> = {
    ArrowDown: () => selectAt(at + 1),
    ArrowUp: () => selectAt(at < 0 ? 0 : at - 1),
    Home: () => selectAt(0),
    End: () => selectAt(visible.count - 1),
    PageDown: () => selectAt(at + ctx.pageRows),
    PageUp: () => selectAt(at - ctx.pageRows),
  };
  if (moves[key]) return moves[key]();
  if (at < 0) return key === 'ArrowRight' || key === 'ArrowLeft' ? selectAt(0) : null;
  const hasChildren = hasShownChildren(ctx.tree, ctx.marks, selected);
  const isOpen = ctx.expanded[selected] === 1;
  if (key === 'Enter') {
    if (!hasChildren) return null;
    return { kind: isOpen ? 'collapse' : 'expand', row: selected };
  }
  if (key === 'ArrowRight') {
    if (!hasChildren) return null;
    return isOpen ? selectAt(at + 1) : { kind: 'expand', row: selected };
  }
  if (key === 'ArrowLeft') {
    if (hasChildren && isOpen) return { kind: 'collapse', row: selected };
    const parent = ctx.tree.parentIndex[selected];
    return parent >= 0 && positionOf(visible, parent) >= 0 ? { kind: 'select', row: parent } : null;
  }
  return null;
}
