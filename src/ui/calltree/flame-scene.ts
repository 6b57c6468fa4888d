// The call tree's flame graph: a pure layout of a CallTree into rectangles (x from the nodes'
// weights, one row per depth, children left to right in the tree's order) and a renderer on a
// 2D context without React. A node is as wide as its weight (call-tree.ts: its total, or its
// children together when they add up to more). Rectangles narrower than half a pixel are left out.
import type { CallTree } from '../../model/call-tree';

export const FLAME_ROW_CSS = 18;

export interface FlameRect {
  node: number;
  xCss: number;
  wCss: number;
  depth: number;
}

/** Rectangles of every node wide enough to draw, parents before children. */
export function flameLayout(tree: CallTree, widthCss: number): FlameRect[] {
  const rects: FlameRect[] = [];
  const rootNs = tree.weightNs[0];
  if (!(rootNs > 0)) return rects;
  const scale = widthCss / rootNs;
  const stack: [number, number, number][] = [[0, 0, -1]]; // node, x, depth
  while (stack.length) {
    const [node, xCss, depth] = stack.pop()!;
    if (node > 0) rects.push({ node, xCss, wCss: tree.weightNs[node] * scale, depth });
    let x = xCss;
    const children: [number, number, number][] = [];
    for (let k = tree.childStart[node]; k < tree.childStart[node + 1]; k++) {
      const child = tree.childIndex[k];
      const w = tree.weightNs[child] * scale;
      if (w >= 0.5) children.push([child, x, depth + 1]);
      x += w;
    }
    stack.push(...children.reverse());
  }
  return rects;
}

/** The rectangle under a point, or null. */
export function flameHit(rects: FlameRect[], xCss: number, yCss: number): FlameRect | null {
  const depth = Math.floor(yCss / FLAME_ROW_CSS);
  for (const r of rects)
    if (r.depth === depth && xCss >= r.xCss && xCss < r.xCss + r.wCss) return r;
  return null;
}

export interface FlameStyle {
  colourOf(nameIndex: number): string;
  text: string;
  selected: string;
  font: string;
}

/** Draws `rects` (device pixels = CSS × dpr); the picked node gets an outline. */
export function drawFlame(
  ctx: CanvasRenderingContext2D,
  tree: CallTree,
  names: string[],
  rects: FlameRect[],
  size: { widthCss: number; heightCss: number; dpr: number },
  style: FlameStyle,
  picked: number,
): void {
  const { dpr } = size;
  ctx.clearRect(0, 0, size.widthCss * dpr, size.heightCss * dpr);
  ctx.font = style.font;
  ctx.textBaseline = 'middle';
  for (const r of rects) {
    const y = r.depth * FLAME_ROW_CSS;
    if (y > size.heightCss) continue;
    const nameIndex = tree.nameIndex[r.node];
    ctx.fillStyle = style.colourOf(nameIndex);
    ctx.fillRect(r.xCss * dpr, y * dpr, Math.max(1, (r.wCss - 1) * dpr), (FLAME_ROW_CSS - 1) * dpr);
    if (r.node === picked) {
      ctx.strokeStyle = style.selected;
      ctx.lineWidth = 2 * dpr;
      ctx.strokeRect(
        r.xCss * dpr + dpr,
        y * dpr + dpr,
        (r.wCss - 3) * dpr,
        (FLAME_ROW_CSS - 3) * dpr,
      );
    }
    if (r.wCss > 30) {
      ctx.fillStyle = style.text;
      ctx.save();
      ctx.beginPath();
      ctx.rect(r.xCss * dpr, y * dpr, (r.wCss - 4) * dpr, FLAME_ROW_CSS * dpr);
      ctx.clip();
      ctx.fillText(names[nameIndex] ?? '', (r.xCss + 3) * dpr, (y + FLAME_ROW_CSS / 2) * dpr);
      ctx.restore();
    }
  }
}
