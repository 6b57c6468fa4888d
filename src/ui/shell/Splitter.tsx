// A draggable (and keyboard-movable) splitter between two grid tracks; reports deltas in CSS px.
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

interface Props {
  orientation: 'rows' | 'cols';
  label: string;
  onResize: (deltaCss: number) => void;
}

const KEY_STEP_CSS = 24;

export function Splitter({ orientation, label, onResize }: Props) {
  const [dragging, setDragging] = useState(false);
  const lastCss = useRef(0);
  const coord = (e: PointerEvent) => (orientation === 'rows' ? e.clientY : e.clientX);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    lastCss.current = coord(e);
    setDragging(true);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging) return;
    const now = coord(e);
    onResize(now - lastCss.current);
    lastCss.current = now;
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.releasePointerCapture(e.pointerId);
    setDragging(false);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const back = orientation === 'rows' ? 'ArrowUp' : 'ArrowLeft';
    const forward = orientation === 'rows' ? 'ArrowDown' : 'ArrowRight';
    if (e.key === back) onResize(-KEY_STEP_CSS);
    else if (e.key === forward) onResize(KEY_STEP_CSS);
    else return;
    e.preventDefault();
  };

  return (
    <div
      className={`splitter ${orientation}${dragging ? ' dragging' : ''}`}
      role="separator"
      aria-orientation={orientation === 'rows' ? 'horizontal' : 'vertical'}
      aria-label={label}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
