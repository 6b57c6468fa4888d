// Draws a process's block overview into an <svg> with d3: one row per thread (cpu threads
// first), bars of events per time bucket (height by the row's own maximum, so quiet threads stay
// visible), a total row on top, a time axis, and an x brush whose selection is reported in epoch
// nanoseconds (bars and brush: src/ui/chart/bucket-strip.ts, shared with the timeline's overview
// strip). Imperative d3, no React. Text goes through .text() (textContent), never HTML.
import { axisBottom, scaleLinear, select } from 'd3';
import type { BlockOverview } from '../../store/remote-source';
import { drawBucketBars, drawStripBrush, type SvgSelection } from '../chart/bucket-strip';

export interface OverviewSceneInput {
  overview: BlockOverview;
  widthPx: number;
  /** The chosen range, or null (no brush). */
  rangeNs: [bigint, bigint] | null;
  onRange(rangeNs: [bigint, bigint] | null): void;
}

export const ROW_PX = 18;
const LABEL_PX = 140;
const AXIS_PX = 22;
/** Room for the last axis label. */
const RIGHT_PX = 24;
const MAX_ROWS = 24;

type Svg = SvgSelection;

export interface OverviewRow {
  name: string;
  events: number[];
  cpu: boolean;
}

/** The rows drawn: all threads summed, then cpu threads, then the others (capped). */
export function overviewRows(overview: BlockOverview): OverviewRow[] {
  const total = new Array<number>(overview.bucketCount).fill(0);
  for (const t of overview.threads) t.events.forEach((n, i) => (total[i] += n));
  const byKind = (cpu: boolean) => overview.threads.filter((t) => t.cpu === cpu);
  const threads = [...byKind(true), ...byKind(false)].slice(0, MAX_ROWS);
  const rows = threads.map((t) => ({ name: t.name, events: t.events, cpu: t.cpu }));
  return [{ name: 'all threads', events: total, cpu: true }, ...rows];
}

export function overviewHeightPx(overview: BlockOverview): number {
  return overviewRows(overview).length * ROW_PX + AXIS_PX;
}

/** Pixel x ↔ epoch ns over the overview's extent (numbers relative to its begin, then bigint). */
export function timeScale(overview: BlockOverview, widthPx: number) {
  const spanNs = Math.max(1, Number(overview.endNs - overview.beginNs));
  const right = Math.max(LABEL_PX + 1, widthPx - RIGHT_PX);
  const x = scaleLinear().domain([0, spanNs]).range([LABEL_PX, right]);
  const toNs = (px: number): bigint =>
    overview.beginNs + BigInt(Math.round(Math.min(spanNs, Math.max(0, x.invert(px)))));
  const toPx = (ns: bigint): number => x(Number(ns - overview.beginNs));
  return { x, toNs, toPx, spanNs };
}

function drawRows(svg: Svg, input: OverviewSceneInput, rows: OverviewRow[]): void {
  const { x } = timeScale(input.overview, input.widthPx);
  const g = svg.append('g').attr('class', 'rows');
  rows.forEach((row, r) => {
    const top = r * ROW_PX;
    const rowG = g.append('g').attr('class', row.cpu ? 'row cpu' : 'row other');
    rowG
      .append('text')
      .attr('x', 4)
      .attr('y', top + 13)
      .text(row.name);
    const box = { leftPx: LABEL_PX, rightPx: x.range()[1], topPx: top + 2, heightPx: ROW_PX - 4 };
    drawBucketBars(rowG, row.events, box);
  });
}

function drawAxis(svg: Svg, input: OverviewSceneInput, rowsPx: number): void {
  const { x } = timeScale(input.overview, input.widthPx);
  const axis = axisBottom(x)
    .ticks(Math.max(2, Math.floor(input.widthPx / 120)))
    .tickFormat((v) => `${+(Number(v) / 1e9).toPrecision(4)} s`);
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${rowsPx})`).call(axis);
}

function drawBrush(svg: Svg, input: OverviewSceneInput, rowsPx: number): void {
  const { toNs, toPx } = timeScale(input.overview, input.widthPx);
  const range = input.rangeNs;
  drawStripBrush(svg, {
    extent: [
      [LABEL_PX, 0],
      [Math.max(LABEL_PX + 1, input.widthPx - RIGHT_PX), rowsPx],
    ],
    selectionPx: range ? [toPx(range[0]), toPx(range[1])] : null,
    onBrush: (px, phase) => {
      if (phase === 'end') input.onRange(px ? [toNs(px[0]), toNs(px[1])] : null);
    },
  });
}

export function drawOverview(element: SVGSVGElement, input: OverviewSceneInput): void {
  const svg = select(element);
  svg.selectAll('*').remove();
  const rows = overviewRows(input.overview);
  const rowsPx = rows.length * ROW_PX;
  svg.attr('width', input.widthPx).attr('height', rowsPx + AXIS_PX);
  drawRows(svg, input, rows);
  drawAxis(svg, input, rowsPx);
  drawBrush(svg, input, rowsPx);
}
