// Draws the duration histogram into an <svg> with d3: log-scale x axis of durations, sqrt or
// linear y axis of counts, one bar per bin, marks for p50/p90/p99/max, and an x brush whose
// ends snap to bin edges. Imperative d3, no React; the React shell calls drawHistogram when its
// inputs change. Text goes through d3's .text() (textContent), never HTML.
import { axisBottom, axisLeft, brushX, format, scaleLinear, scaleLog, scaleSqrt, select } from 'd3';
import type { D3BrushEvent, ScaleLinear, ScaleLogarithmic, ScalePower, Selection } from 'd3';
import { formatDurationNs } from '../../base/time';
import {
  binExtentNs,
  binLowNs,
  BIN_COUNT,
  brushToRange,
  histogramDomainNs,
  rangeToBrushNs,
  type DurationHistogram,
  type DurationRangeNs,
} from '../../model/histogram';

export type YScaleKind = 'sqrt' | 'linear';

export interface HistogramSceneInput {
  data: DurationHistogram;
  widthPx: number;
  heightPx: number;
  yScale: YScaleKind;
  /** The brushed range to show (from the view store), or null. */
  brush: DurationRangeNs | null;
  /** Called when the user brushes (snapped range) or clears the brush (null). */
  onBrush(range: DurationRangeNs | null): void;
}

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

interface Scales {
  x: ScaleLogarithmic<number, number>;
  y: ScalePower<number, number> | ScaleLinear<number, number>;
  plotLeft: number;
  plotRight: number;
  plotTop: number;
  plotBottom: number;
}

const MARGIN = { left: 40, right: 14, top: 36, bottom: 22 };
const LABEL_ROWS = 3;
const LABEL_GAP_PX = 26;
const Y_TICK_GAP_PX = 16;
const UNITS: [number, string][] = [
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];

/** Short axis label: 1 µs, 2.5 ms, 100 ns. */
export function formatTickNs(ns: number): string {
  const [unit, name] = UNITS.find(([u]) => ns >= u) ?? UNITS[UNITS.length - 1];
  return `${+(ns / unit).toPrecision(3)} ${name}`;
}

/** Powers of ten inside the domain; with fewer than three, also 2× and 5×. */
export function tickValuesNs([lo, hi]: [number, number]): number[] {
  const ticks: number[] = [];
  const multiples = Math.log10(hi / lo) < 2 ? [1, 2, 5] : [1];
  for (let p = 10 ** Math.floor(Math.log10(lo)); p <= hi; p *= 10) {
    for (const m of multiples) if (p * m >= lo && p * m <= hi) ticks.push(p * m);
  }
  return ticks;
}

function makeScales(input: HistogramSceneInput): Scales {
  const plotLeft = MARGIN.left;
  const plotRight = Math.max(plotLeft + 10, input.widthPx - MARGIN.right);
  const plotTop = MARGIN.top;
  const plotBottom = Math.max(plotTop + 10, input.heightPx - MARGIN.bottom);
  const x = scaleLog().domain(histogramDomainNs(input.data)).range([plotLeft, plotRight]);
  const maxCount = Math.max(1, ...input.data.bins.map((b) => b.count));
  const y = (input.yScale === 'sqrt' ? scaleSqrt() : scaleLinear())
    .domain([0, maxCount])
    .range([plotBottom, plotTop])
    .nice();
  return { x, y, plotLeft, plotRight, plotTop, plotBottom };
}

function layer(svg: Svg, name: string): Selection<SVGGElement, unknown, null, undefined> {
  const found = svg.select<SVGGElement>(`g.${name}`);
  return found.empty() ? svg.append('g').attr('class', name) : found;
}

function binInRange(bin: number, range: DurationRangeNs | null): boolean {
  if (!range) return false;
  const highNs = bin >= BIN_COUNT - 1 ? Infinity : binLowNs(bin + 1) - 1;
  return binLowNs(bin) >= range.minNs && highNs <= range.maxNs;
}

function drawBars(svg: Svg, input: HistogramSceneInput, s: Scales): void {
  const bars = layer(svg, 'bars')
    .selectAll<SVGRectElement, (typeof input.data.bins)[number]>('rect')
    .data(input.data.bins, (d) => d.bin)
    .join((enter) => {
      const rect = enter.append('rect');
      rect.append('title');
      return rect;
    });
  bars
    .attr('x', (d) => s.x(binExtentNs(d.bin)[0]))
    .attr('width', (d) => {
      const [lo, hi] = binExtentNs(d.bin);
      return Math.max(1, s.x(hi) - s.x(lo) - 1);
    })
    .attr('y', (d) => s.y(d.count))
    .attr('height', (d) => Math.max(d.count > 0 ? 1 : 0, s.plotBottom - s.y(d.count)))
    .attr('class', (d) => (binInRange(d.bin, input.brush) ? 'bar in-brush' : 'bar'));
  bars.select('title').text((d) => {
    const [lo, hi] = binExtentNs(d.bin);
    const low = d.bin === 0 ? '0 ns' : formatDurationNs(lo);
    return `${low} – ${formatDurationNs(hi)}: ${d.count.toLocaleString('en-US')} spans`;
  });
}

function drawAxes(svg: Svg, input: HistogramSceneInput, s: Scales): void {
  const ticks = tickValuesNs(s.x.domain() as [number, number]);
  layer(svg, 'x-axis')
    .attr('transform', `translate(0,${s.plotBottom})`)
    .call(
      axisBottom(s.x)
        .tickValues(ticks)
        .tickFormat((v) => formatTickNs(+v)),
    );
  // Sqrt scales crowd low ticks together: keep only ticks at least Y_TICK_GAP_PX apart.
  const yTicks: number[] = [];
  for (const t of s.y.ticks(Math.max(2, Math.floor((s.plotBottom - s.plotTop) / 40)))) {
    const last = yTicks[yTicks.length - 1];
    if (!Number.isInteger(t)) continue; // counts
    if (last === undefined || s.y(last) - s.y(t) >= Y_TICK_GAP_PX) yTicks.push(t);
  }
  layer(svg, 'y-axis')
    .attr('transform', `translate(${s.plotLeft},0)`)
    .call(
      axisLeft(s.y)
        .tickValues(yTicks)
        .tickFormat((v) => format('~s')(+v)),
    );
}

interface Mark {
  /** Quantiles drawn at the same pixel share one mark: ['p99', 'max']. */
  labels: string[];
  ns: number;
}

/** The p50/p90/p99/max marks, those at the same pixel (within 2 px) merged. */
function quantileMarks(data: DurationHistogram, xOf: (ns: number) => number): Mark[] {
  const marks: Mark[] = [];
  const all: [string, number][] = [
    ['p50', data.p50Ns],
    ['p90', data.p90Ns],
    ['p99', data.p99Ns],
    ['max', data.maxNs],
  ];
  for (const [label, ns] of all) {
    if (!Number.isFinite(ns) || data.count === 0) continue;
    const last = marks[marks.length - 1];
    if (last && Math.abs(xOf(last.ns) - xOf(ns)) < 2) last.labels.push(label);
    else marks.push({ labels: [label], ns });
  }
  return marks;
}

/** Row of each label (0 = nearest the plot): the lowest row where it clears the last one. */
export function labelRows(xsPx: number[]): number[] {
  const lastPx = new Array<number>(LABEL_ROWS).fill(-Infinity);
  return xsPx.map((x) => {
    let row = lastPx.findIndex((last) => x - last >= LABEL_GAP_PX);
    if (row < 0) row = LABEL_ROWS - 1;
    lastPx[row] = x;
    return row;
  });
}

function drawMarks(svg: Svg, input: HistogramSceneInput, s: Scales): void {
  const xOf = (ns: number) => s.x(Math.max(ns, s.x.domain()[0]));
  const marks = quantileMarks(input.data, xOf);
  const rows = labelRows(marks.map((m) => xOf(m.ns)));
  const groups = layer(svg, 'marks')
    .selectAll<SVGGElement, Mark>('g.mark')
    .data(marks, (m) => m.labels.join())
    .join((enter) => {
      const g = enter.append('g');
      g.append('title');
      g.append('line');
      g.append('text');
      return g;
    })
    .attr('class', (m) => `mark ${m.labels.join(' ')}`)
    .attr('transform', (m) => `translate(${Math.round(xOf(m.ns)) + 0.5},0)`);
  groups.select('title').text((m) => `${m.labels.join(', ')}: ${formatDurationNs(m.ns)}`);
  groups
    .select('line')
    .attr('y1', s.plotTop - 2)
    .attr('y2', s.plotBottom);
  groups
    .select('text')
    .attr('y', (_m, i) => s.plotTop - 5 - rows[i] * 11)
    .text((m) => m.labels.join('/'))
    .style('text-anchor', (m) => {
      const halfPx = m.labels.join('/').length * 3; // ≈ half the width of 10px text
      if (xOf(m.ns) - halfPx < 0) return 'start';
      return xOf(m.ns) + halfPx > input.widthPx ? 'end' : 'middle';
    });
}

function attachBrush(svg: Svg, input: HistogramSceneInput, s: Scales): void {
  const g = layer(svg, 'brush');
  const brush = brushX<unknown>().extent([
    [s.plotLeft, s.plotTop],
    [s.plotRight, s.plotBottom],
  ]);
  const toPx = (range: DurationRangeNs): [number, number] => {
    const [ns0, ns1] = rangeToBrushNs(range);
    return [s.x(ns0), s.x(ns1)];
  };
  brush.on('brush', (event: D3BrushEvent<unknown>) => {
    if (!event.sourceEvent || !event.selection) return;
    const [px0, px1] = event.selection as [number, number];
    const range = brushToRange(s.x.invert(px0), s.x.invert(px1));
    layer(svg, 'bars')
      .selectAll<SVGRectElement, { bin: number }>('rect')
      .attr('class', (d) => (binInRange(d.bin, range) ? 'bar in-brush' : 'bar'));
  });
  brush.on('end', (event: D3BrushEvent<unknown>) => {
    if (!event.sourceEvent) return; // our own brush.move below
    const px = event.selection as [number, number] | null;
    const range = px ? brushToRange(s.x.invert(px[0]), s.x.invert(px[1])) : null;
    g.call(brush.move, range ? toPx(range) : null);
    input.onBrush(range);
  });
  g.call(brush);
  g.call(brush.move, input.brush ? toPx(input.brush) : null);
}

/** Draws (or redraws) the whole histogram into `svgElement`. */
export function drawHistogram(svgElement: SVGSVGElement, input: HistogramSceneInput): void {
  const svg: Svg = select(svgElement);
  svg.attr('width', input.widthPx).attr('height', input.heightPx);
  const scales = makeScales(input);
  drawBars(svg, input, scales);
  drawAxes(svg, input, scales);
  drawMarks(svg, input, scales);
  attachBrush(svg, input, scales);
}
