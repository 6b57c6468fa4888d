// The timeline's own controls: name search (Enter / Shift+Enter step through matches), the match
// position, the compact-rows toggle and the root-task groups' buttons. Filters (migrated spans among them) are the filter bar's
// (src/ui/filters/FilterBar.tsx). Reads and writes the view store. Thin React shell.
import { useView } from '../store-context';
import type { TimelineController } from './timeline-controller';
import { setAllGroups, stepGroup } from './timeline-groups';

interface Props {
  controller: TimelineController;
  /** Emphasized spans in begin order, or null before data. */
  matches: Int32Array | null;
}

function matchPosition(matches: Int32Array, selected: number): string {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (matches[mid] < selected) lo = mid + 1;
    else hi = mid;
  }
  const at = lo < matches.length && matches[lo] === selected ? `${lo + 1} / ` : '';
  return `${at}${matches.length.toLocaleString('en-US')} match${matches.length === 1 ? '' : 'es'}`;
}

/**
 * Collapse / expand every root-task group (G), and step to the previous / next group with spans
 * in the window ([ / ]).
 */
function GroupButtons({ controller }: { controller: TimelineController }) {
  const collapsed = useView((s) => s.groupsCollapsed);
  const flipped = useView((s) => s.groupsFlipped.size);
  return (
    <span className="timeline-groups" role="group" aria-label="Root-task groups">
      <button
        type="button"
        data-testid="groups-collapse-all"
        title="Collapse every root task's group: one row per root task, its count of hidden spans (G)"
        disabled={collapsed && flipped === 0}
        onClick={() => setAllGroups(controller, true)}
      >
        collapse groups
      </button>
      <button
        type="button"
        data-testid="groups-expand-all"
        title="Expand every group and every collapsed span (G)"
        disabled={!collapsed && flipped === 0}
        onClick={() => setAllGroups(controller, false)}
      >
        expand
      </button>
      <button
        type="button"
        title="Previous group with spans in the window ([)"
        onClick={() => stepGroup(controller, -1)}
      >
        ⤒
      </button>
      <button
        type="button"
        title="Next group with spans in the window (])"
        onClick={() => stepGroup(controller, 1)}
      >
        ⤓
      </button>
    </span>
  );
}

export function TimelineToolbar({ controller, matches }: Props) {
  const search = useView((s) => s.search);
  const setSearch = useView((s) => s.setSearch);
  const brush = useView((s) => s.brush);
  const selected = useView((s) => s.selected);
  const compactRows = useView((s) => s.compactRows);
  const setCompactRows = useView((s) => s.setCompactRows);
  const filtering = search.trim() !== '' || brush !== null;
  return (
    <div className="panel-bar timeline-toolbar">
      <input
        type="search"
        placeholder="Search span names"
        aria-label="Search span names"
        data-testid="timeline-search"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          controller.step(e.shiftKey ? -1 : 1);
        }}
      />
      <button
        type="button"
        title="Previous match (N)"
        onClick={() => controller.step(-1)}
        disabled={!matches?.length}
      >
        ‹
      </button>
      <button
        type="button"
        title="Next match (n)"
        onClick={() => controller.step(1)}
        disabled={!matches?.length}
      >
        ›
      </button>
      <span className="timeline-matches" data-testid="timeline-matches">
        {filtering ? (matches ? matchPosition(matches, selected) : 'searching…') : ''}
      </span>
      <label
        className="timeline-toggle"
        title="Low rows without labels: a screen shows 4.5× the rows of a busy stretch (C)"
      >
        <input
          type="checkbox"
          data-testid="compact-rows"
          checked={compactRows}
          onChange={(e) => setCompactRows(e.currentTarget.checked)}
        />
        compact rows
      </label>
      <GroupButtons controller={controller} />
      <span className="timeline-hint">
        wheel zoom · drag pan · Shift+wheel scroll · W/A/S/D · F · C · G · ←/→ · [ ]
      </span>
    </div>
  );
}
