// Composition root: the only file that imports every stage. Opens the database lazily, builds the
// stores and the load controller, binds the URL and the idle signal, and renders the shell with
// the panels.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/shell/theme.css';
import './ui/shell/shell.css';
import { AppController } from './store/app-actions';
import { createAppStore } from './store/app-state';
import type { CaptureBackend } from './store/backend';
import { bindUrlView, parseUrlView } from './store/url-state';
import { createViewStore } from './store/view-state';
import { App } from './ui/App';
import { AppContext } from './ui/shell/app-context';
import { bindWeftSignal } from './ui/shell/weft-signal';
import { SpanTreePanel } from './ui/span-tree/SpanTreePanel';
import { ViewStoreContext } from './ui/store-context';

// TEMPORARY stubs until the data layer and the panels land.
const notReady = async (): Promise<never> => {
  throw new Error('the data layer is not wired yet');
};
const backend: CaptureBackend = {
  load: notReady,
  reset: async () => {},
  counts: notReady,
  processes: notReady,
  spanTable: notReady,
  runSql: notReady,
  exampleQueries: () => [],
};
const Placeholder = () => <div style={{ padding: 8 }}>panel not wired yet</div>;
const panels = { timeline: Placeholder, tree: SpanTreePanel, histogram: Placeholder };

const app = createAppStore();
const view = createViewStore();
const actions = new AppController(app, view, backend, {
  fetch: (url, init) => fetch(url, init),
  pageUrl: () => window.location.href,
});

bindWeftSignal(app, view);
bindUrlView(app, view, {
  href: () => window.location.href,
  replace: (href) => window.history.replaceState(window.history.state, '', href),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={{ app, actions, exampleQueries: backend.exampleQueries() }}>
      <ViewStoreContext.Provider value={view}>
        <App panels={panels} />
      </ViewStoreContext.Provider>
    </AppContext.Provider>
  </StrictMode>,
);

const linked = parseUrlView(window.location.search);
if (linked.process) void actions.openProcess(linked.process, linked);
else void actions.openDefault();
