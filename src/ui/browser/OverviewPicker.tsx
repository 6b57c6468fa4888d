// A process too big to load whole: its block overview (events per time bucket and thread, from
// block metadata alone) with a brush to pick the time range to read, the exact event count of
// that range, and the budget. The drawing is overview-scene.ts; this is its React shell.
import { useEffect, useRef, useState } from 'react';
import { formatCount } from '../../base/count';
import { formatDurationNs } from '../../base/time';
import type { PendingPick } from '../../store/process-browser';
import { objectsInRange } from '../../store/remote-source';
import { useBrowser, useBrowserContext } from './browser-context';
import { drawOverview } from './overview-scene';

function RangeLine({ pick }: { pick: PendingPick }) {
  const budget = useBrowser((s) => s.eventBudget);
  const overview = pick.overview!;
  if (!pick.rangeNs) return <p className="hint">Drag over the overview to pick a time range.</p>;
  const [beginNs, endNs] = pick.rangeNs;
  const events = objectsInRange(overview, beginNs, endNs);
  return (
    <p className={events > budget ? 'hint failure' : 'hint'} data-testid="range-events">
      {formatDurationNs(Number(endNs - beginNs))} picked: the blocks overlapping it hold{' '}
      <b>{formatCount(events)}</b> cpu events
      {events > budget && ` — still more than the budget of ${formatCount(budget)}`}.
    </p>
  );
}

function BudgetField() {
  const { actions } = useBrowserContext();
  const budget = useBrowser((s) => s.eventBudget);
  return (
    <label className="field inline">
      <span>Budget (events)</span>
      <input
        type="number"
        min={1}
        step={1_000_000}
        value={budget}
        onChange={(e) => actions.setBudget(Number(e.currentTarget.value))}
        data-testid="event-budget"
      />
    </label>
  );
}

function Picker({ pick }: { pick: PendingPick }) {
  const { actions } = useBrowserContext();
  const svg = useRef<SVGSVGElement>(null);
  const [widthPx] = useState(() => Math.max(400, Math.min(1180, window.innerWidth - 60)));
  const overview = pick.overview;
  useEffect(() => {
    if (!svg.current || !overview) return;
    const onRange = (rangeNs: [bigint, bigint] | null) => actions.setRange(rangeNs);
    drawOverview(svg.current, { overview, widthPx, rangeNs: pick.rangeNs, onRange });
  }, [actions, overview, widthPx, pick.rangeNs]);
  return (
    <>
      {overview && (
        <p>
          This process has <b>{formatCount(overview.cpuObjects)}</b> events in{' '}
          {formatCount(overview.totalBlocks)} blocks, more than the budget. Pick the part to read:
          its whole blocks are loaded, exactly, and nothing else.
        </p>
      )}
      {pick.error && (
        <p className="failure" role="alert">
          The overview could not be read: {pick.error}
        </p>
      )}
      {overview && <svg ref={svg} className="overview-svg" data-testid="overview-svg" />}
      {overview && <RangeLine pick={pick} />}
      <div className="actions">
        <BudgetField />
        <button type="button" onClick={() => actions.cancelPick()}>
          Cancel
        </button>
        <button type="button" onClick={() => void actions.loadPick(true)}>
          Load it all anyway
        </button>
        <button
          type="button"
          disabled={!pick.rangeNs}
          onClick={() => void actions.loadPick(false)}
          data-testid="load-range"
        >
          Load the range
        </button>
      </div>
    </>
  );
}

export function OverviewLayer() {
  const pick = useBrowser((s) => s.pick);
  if (!pick) return null;
  if (pick.status === 'loading')
    return (
      <div className="overview-toast" role="status" data-testid="overview-loading">
        Reading the block overview of {pick.processId}…
      </div>
    );
  return (
    <section
      className="drawer overview-dialog"
      role="dialog"
      aria-label="Pick a time range"
      data-testid="overview-picker"
    >
      <header>
        <h2 className="truncate">Pick a time range · {pick.processId}</h2>
      </header>
      <div className="drawer-body">
        <Picker pick={pick} />
      </div>
    </section>
  );
}
