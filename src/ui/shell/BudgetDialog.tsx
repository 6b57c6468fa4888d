// Shown when dropped files need more memory than the tab's budget, before anything loads
// (src/store/load-budget.ts): how many span events the block headers allow, the memory they
// need, and the choice: load anyway, load the first part that fits (a time range), or cancel.
import { formatDurationNs, formatEpochNs } from '../../base/time';
import { formatBytes } from './format';
import { useActions, useApp } from './app-context';

const count = (n: number) => n.toLocaleString('en-US');

export function BudgetDialog() {
  const warning = useApp((s) => s.budgetWarning);
  const actions = useActions();
  if (!warning) return null;
  const { fit } = warning;
  return (
    <section className="drawer budget" role="alertdialog" aria-label="Not enough memory">
      <header>
        <h2>This capture may not fit in memory</h2>
      </header>
      <div className="drawer-body">
        <p data-testid="budget-estimate">
          Its {count(warning.blocks)} blocks hold up to {count(warning.events)} span events (their
          headers&apos; object counts), which need about {formatBytes(warning.neededBytes)}; this
          tab&apos;s budget is {formatBytes(warning.budgetBytes)}. Loading all of it may crash the
          tab.
        </p>
        {fit && (
          <p data-testid="budget-fit">
            The first {formatDurationNs(Number(fit.endNs - fit.beginNs))} fits ({count(fit.events)}{' '}
            events at most): {formatEpochNs(fit.beginNs)} to {formatEpochNs(fit.endNs)}.
          </p>
        )}
        <div className="budget-choices">
          {fit && (
            <button type="button" onClick={() => actions.chooseBudget('fit')}>
              Load the part that fits
            </button>
          )}
          <button type="button" onClick={() => actions.chooseBudget('anyway')}>
            Load anyway
          </button>
          <button type="button" onClick={() => actions.chooseBudget('cancel')}>
            Cancel
          </button>
        </div>
      </div>
    </section>
  );
}
