// Composition root: the only file that imports every stage. Starts DuckDB-WASM at once (it takes
// about a second, overlapping the first fetches), builds the stores and the load controller,
// binds the URL and the idle signal, and renders the shell with the panels.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/shell/theme.css';
import './ui/shell/shell.css';
import './ui/browser/browser.css';
import { openBrowserDb } from './db/browser-db';
import { AppController } from './store/app-actions';
import { remoteDirectory } from './store/remote-source';
import { createRemoteSession, startup } from './store/startup';
import { createAppStore, whenIndexed } from './store/app-state';
import { DataLayerBackend } from './store/capture-backend';
import { budgetBytes } from './store/load-budget';
import { sampleFiles } from './store/warm-up';
import {
  createHistogramStore,
  dbHistogramSource,
  tableHistogramSource,
} from './store/histogram-slice';
import { bindUrlView } from './store/url-history';
import { whenDrawn } from './store/drawn';
import type { SpanTable } from './model/span-table';
import { createViewStore } from './store/view-state';
import { App } from './ui/App';
import { HistogramPanel } from './ui/histogram/HistogramPanel';
import { HistogramStoreContext } from './ui/histogram/histogram-context';
import { AppContext } from './ui/shell/app-context';
import { BrowserContext } from './ui/browser/browser-context';
import { bindWeftSignal, weftDebug } from './ui/shell/weft-signal';
import { CallTreePanel } from './ui/calltree/CallTreePanel';
import { DetailsPanel } from './ui/details/DetailsPanel';
import { Stack, Tabs } from './ui/shell/Tabs';
import { SpanTreePanel } from './ui/span-tree/SpanTreePanel';
import { StatsPanel } from './ui/stats/StatsPanel';
import { ViewStoreContext } from './ui/store-context';
import { TimelinePanel } from './ui/timeline/TimelinePanel';
import { warmTimelineDraw } from './ui/timeline/draw-warm';

const db = openBrowserDb();
// A failure is reported by the first load that needs the database.
db.then(() => (weftDebug().dbReady = true)).catch(() => {});
const fetchFn = (url: string, init?: RequestInit) => fetch(url, init);
// before any load, the decode workers, the view workers and the timeline's renderer run on the
// bundled sample: optimized by the first drop
const backend = new DataLayerBackend(
  db,
  () => sampleFiles(window.location.href, fetchFn),
  (sample, signal) => void warmTimelineDraw(sample, signal),
);
const app = createAppStore();
const view = createViewStore();
const dbHistogram = dbHistogramSource(db);
// a load draws its view before the database holds the rows: histogram queries wait for them
// from the span table in memory; the database only for a process the view does not hold
// work behind a load's first view (the database's rows, the histogram) waits for its frame
const drawn = (table: SpanTable) => whenDrawn(view, table);
const shownTable = (processId: string) =>
  view.getState().processId === processId ? view.getState().spans : null;
const histogram = createHistogramStore(
  tableHistogramSource(
    shownTable,
    async (processId, name) => {
      await whenIndexed(app);
      return dbHistogram(processId, name);
    },
    drawn,
  ),
);
const deviceMemoryGb = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
const actions = new AppController(app, view, backend, {
  fetch: fetchFn,
  pageUrl: () => window.location.href,
  budgetBytes: budgetBytes(window.location.href, deviceMemoryGb),
  drawn,
  openEvents: (url, onMessage) => {
    const source = new EventSource(url);
    source.onmessage = (event: MessageEvent<string>) => onMessage(event.data);
    return source;
  },
});

// The process browser lists the page's own server through micromegas' protocol (polled, so a
// process that starts sending shows within 2 s), or the deployment a deep link names.
const { browser, connection } = createRemoteSession(app, actions, remoteDirectory, {
  pageHref: () => window.location.href,
  navigate: (href) => window.location.assign(href),
  fetch: fetchFn,
});
const browserContext = { store: browser.store, actions: browser, connection };

bindWeftSignal(app, view);
bindUrlView(app, view, {
  href: () => window.location.href,
  replace: (href) => window.history.replaceState(window.history.state, '', href),
  push: (href) => window.history.pushState(null, '', href),
  listen: (onPop) => {
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  },
});

const BottomTabs = () => (
  <Tabs
    label="Span views"
    tabs={[
      { id: 'tree', label: 'Span tree', Component: SpanTreePanel },
      { id: 'stats', label: 'Statistics', Component: StatsPanel },
      { id: 'calltree', label: 'Call tree', Component: CallTreePanel },
    ]}
  />
);
// the histogram keeps room for its chart (bar, ≥ 80 px of bars, quantiles) when the panels are low
const SideStack = () => (
  <Stack top={HistogramPanel} bottom={DetailsPanel} topShare={0.5} topMinCss={190} />
);
const panels = { timeline: TimelinePanel, tree: BottomTabs, histogram: SideStack };
const shell = {
  app,
  actions,
  exampleQueries: (processId: string | null) => backend.exampleQueries(processId),
  // CSV and Parquet exports are SQL over the database: they wait for it to hold the load's rows
  spanRowsFile: async (...args: Parameters<typeof backend.spanRowsFile>) => {
    await whenIndexed(app);
    return backend.spanRowsFile(...args);
  },
  sqlParquet: backend.sqlParquet.bind(backend),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={shell}>
      <ViewStoreContext.Provider value={view}>
        <HistogramStoreContext.Provider value={histogram}>
          <BrowserContext.Provider value={browserContext}>
            <App panels={panels} />
          </BrowserContext.Provider>
        </HistogramStoreContext.Provider>
      </ViewStoreContext.Provider>
    </AppContext.Provider>
  </StrictMode>,
);

void startup({ actions, browser, connection, pageHref: window.location.href });
