// Every keyboard shortcut of the app, shown by `?`. Panels own their handlers; this list is kept
// in step with them (timeline: src/ui/timeline, tree: src/ui/span-tree).

export interface Shortcut {
  keys: string[];
  what: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: Shortcut[];
}

export const SHORTCUTS: ShortcutGroup[] = [
  {
    title: 'Timeline (W/A/S/D, F and C work anywhere but a text field)',
    shortcuts: [
      { keys: ['W', 'S'], what: 'zoom in / out' },
      { keys: ['A', 'D'], what: 'pan left / right' },
      { keys: ['F'], what: 'frame the selected span (or the whole capture)' },
      { keys: ['/', 'Ctrl', 'F'], what: 'search span names' },
      { keys: ['n', 'N'], what: 'next / previous match of the name search' },
      { keys: ['Enter'], what: 'in the search box: next match (Shift: previous)' },
      { keys: ['↑', '↓', 'PgUp', 'PgDn'], what: 'scroll the lanes' },
      { keys: ['Home', 'End'], what: 'top / bottom of the lanes' },
      { keys: ['C'], what: 'compact rows: low bars, no labels, 4.5× the rows on screen' },
      {
        keys: ['←', '→'],
        what: 'collapse the selected span (it shows +N spans; on a leaf or a collapsed span: go to its parent) / expand it (expanded: go to its first child)',
      },
      { keys: ['G'], what: 'collapse / expand every root-task group' },
      { keys: ['[', ']'], what: 'scroll to the previous / next group with spans in the window' },
      { keys: ['wheel'], what: 'zoom at the pointer (pinch too); sideways swipe pans' },
      { keys: ['Shift', 'wheel'], what: 'scroll the lanes' },
      { keys: ['drag'], what: 'pan (and scroll the lanes)' },
      {
        keys: ['click'],
        what: 'select a span (empty space: focus the timeline, keep the selection)',
      },
      { keys: ['double-click'], what: 'select and frame a span' },
      {
        keys: ['Shift', 'drag'],
        what: 'select a time range (a drag on the time axis too); Esc clears it',
      },
    ],
  },
  {
    title: 'Overview (the strip above the lanes: spans in progress over the whole capture)',
    shortcuts: [
      { keys: ['drag'], what: 'show that part of the capture' },
      { keys: ['drag the window'], what: 'pan; its edges resize it' },
      { keys: ['click'], what: 'centre the window there' },
    ],
  },
  {
    title: 'Span tree',
    shortcuts: [
      { keys: ['↑', '↓'], what: 'previous / next row' },
      { keys: ['→'], what: 'expand, or go to the first child' },
      { keys: ['←'], what: 'collapse, or go to the parent' },
      { keys: ['Enter'], what: 'expand or collapse' },
      { keys: ['Home', 'End'], what: 'first / last row' },
      { keys: ['PgUp', 'PgDn'], what: 'a page up / down' },
    ],
  },
  {
    title: 'Histogram',
    shortcuts: [
      {
        keys: ['drag'],
        what: 'brush a duration range (filters the tree, highlights the timeline)',
      },
      { keys: ['Esc'], what: 'clear the brush' },
    ],
  },
  {
    title: 'SQL console',
    shortcuts: [{ keys: ['Ctrl', 'Enter'], what: 'run the query' }],
  },
  {
    title: 'Everywhere',
    shortcuts: [
      { keys: ['?'], what: 'show or hide this list' },
      { keys: ['Esc'], what: 'close a dialog, else clear the brush, else clear the selection' },
      { keys: ['O'], what: 'open files' },
      { keys: ['Q'], what: 'show or hide the SQL console' },
      { keys: ['P'], what: 'show or hide the process browser' },
    ],
  },
];
