// The histogram's <svg>: sized to its container, redrawn by histogram-scene.ts whenever the data,
// the size, the y scale or the brush changes (after the next frame: src/ui/after-next-frame.ts). Escape clears the brush. Thin React shell.
import { useEffect, useRef, useState } from 'react';
import type { DurationHistogram, DurationRangeNs } from '../../model/histogram';
import { afterNextFrame } from '../after-next-frame';
import { drawHistogram, type YScaleKind } from './histogram-scene';

interface Props {
  data: DurationHistogram;
  yScale: YScaleKind;
  brush: DurationRangeNs | null;
  stale: boolean;
  onBrush(range: DurationRangeNs | null): void;
}

function useSizePx(ref: React.RefObject<HTMLDivElement | null>): [number, number] {
  const [size, setSize] = useState<[number, number]>([0, 0]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize([el.clientWidth, el.clientHeight]);
    const observer = new ResizeObserver(measure);
    // no measure now: the observer's first call (after the next layout) measures; reading the
    // size here would lay out the whole page, the new panels included, in the commit's task
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

export function HistogramChart(props: Props) {
  const { data, yScale, brush, onBrush } = props;
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [widthPx, heightPx] = useSizePx(boxRef);
  const onBrushRef = useRef(onBrush);
  onBrushRef.current = onBrush;
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || widthPx === 0 || heightPx === 0) return;
    // after the next frame, in a task of its own: a first view's timeline frame comes first
    return afterNextFrame(() =>
      drawHistogram(svg, {
        data,
        widthPx,
        heightPx,
        yScale,
        brush,
        onBrush: (range) => onBrushRef.current(range),
      }),
    );
  }, [data, widthPx, heightPx, yScale, brush]);
  useEffect(() => {
    if (!brush) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onBrushRef.current(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [brush]);
  return (
    <div ref={boxRef} className={`histogram-chart${props.stale ? ' stale' : ''}`}>
      <svg ref={svgRef} data-testid="histogram-svg" role="img" aria-label="Duration histogram" />
    </div>
  );
}
