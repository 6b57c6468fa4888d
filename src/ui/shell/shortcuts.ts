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
    title: 'Timeline',
    shortcuts: [
      { keys: ['W', 'S'], what: 'zoom in / out around the pointer' },
      { keys: ['A', 'D'], what: 'pan left / right' },
      { keys: ['wheel'], what: 'zoom at the pointer (pinch too); sideways swipe pans' },
      { keys: ['Shift', 'wheel'], what: 'scroll the lanes up / down' },
      { keys: ['↑', '↓', 'PgUp', 'PgDn'], what: 'scroll the lanes' },
      { keys: ['drag'], what: 'pan (and scroll the lanes)' },
      { keys: ['F'], what: 'zoom to the selected span (or the whole capture)' },
      { keys: ['double-click'], what: 'select a span and zoom to it' },
      { keys: ['n', 'N'], what: 'next / previous search match' },
      { keys: ['Enter', 'Shift+Enter'], what: 'in the search box: next / previous match' },
      { keys: ['click'], what: 'select a span' },
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
    title: 'SQL console',
    shortcuts: [{ keys: ['Ctrl', 'Enter'], what: 'run the query' }],
  },
  {
    title: 'Everywhere',
    shortcuts: [
      { keys: ['?'], what: 'show or hide this list' },
      { keys: ['Esc'], what: 'close a panel or dialog, clear the selection' },
      { keys: ['O'], what: 'open files' },
      { keys: ['Q'], what: 'show or hide the SQL console' },
    ],
  },
];
