// The errors panel: every rejected input named by file, block, offset and reason, plus a failed
// load explained in words. Good data stays on screen behind it. The store lists the first few of
// each kind (a drop of 100k bad files must not render 100k rows); the counts are exact.
import { countOf, formatCount } from '../../base/count';
import { isError, type LoadIssue } from '../../store/backend';
import { listedIssues, type IssueLog, type LostData } from '../../store/load-reporter';
import { useApp } from './app-context';

function IssueRow({ issue }: { issue: LoadIssue }) {
  const skipped = !isError(issue);
  return (
    <li className={skipped ? 'skipped' : 'error'} data-testid="issue">
      <div className="where truncate" title={issue.fileName}>
        {issue.fileName}
      </div>
      {(issue.blockId !== undefined || issue.offset !== undefined) && (
        <div className="where">
          {issue.blockId !== undefined && <>block {issue.blockId} </>}
          {issue.offset !== undefined && <>at offset {issue.offset}</>}
        </div>
      )}
      <div className="reason">
        {skipped ? 'skipped: ' : ''}
        {issue.reason}
      </div>
      {issue.lost && <div className="where">lost: {lostText(issue.lost)}</div>}
    </li>
  );
}

/** "1 block (34 events)", "2 blocks (≥ 34 events)" when some block's event count is unknown. */
function lostText(lost: { blocks: number; objects?: number } | LostData): string {
  const events = 'events' in lost ? lost.events : (lost.objects ?? 0);
  const unknown = 'events' in lost ? lost.blocksOfUnknownSize > 0 : lost.objects === undefined;
  if (unknown && events === 0) return `${countOf(lost.blocks, 'block')} (events unknown)`;
  return `${countOf(lost.blocks, 'block')} (${unknown ? '≥ ' : ''}${countOf(events, 'event')})`;
}

/** "… and 99,500 more errors not listed", or null when everything is listed. */
function unlisted(log: IssueLog): string | null {
  const errors = log.errors - log.errorList.length;
  const skipped = log.skipped - log.skippedList.length;
  const parts = [];
  if (errors > 0) parts.push(countOf(errors, 'more error'));
  if (skipped > 0) parts.push(countOf(skipped, 'more skipped file'));
  return parts.length > 0 ? `… and ${parts.join(' and ')} not listed` : null;
}

export function ErrorsPanel(props: { onClose: () => void }) {
  const issues = useApp((s) => s.issues);
  const failure = useApp((s) => s.failure);
  const waiting = useApp((s) => s.waiting);
  const more = unlisted(issues);
  return (
    <section className="drawer" role="dialog" aria-label="Errors" data-testid="errors-panel">
      <header>
        <h2>
          Errors ({formatCount(issues.errors)})
          {issues.skipped > 0 && `, skipped files (${formatCount(issues.skipped)})`}
        </h2>
        <button type="button" onClick={props.onClose} aria-label="Close errors">
          Close
        </button>
      </header>
      <div className="drawer-body">
        {failure && <p className="reason">{failure}</p>}
        {issues.lost.blocks > 0 && (
          <p className="reason" data-testid="data-lost">
            Data lost: {lostText(issues.lost)}
          </p>
        )}
        {issues.errors + issues.skipped === 0 && !failure && <p>No input was rejected.</p>}
        {waiting.length > 0 && (
          <ul className="issue-list" aria-label="Waiting for files">
            {waiting.map((line) => (
              <li key={line} className="skipped">
                <div className="reason">waiting: {line}</div>
              </li>
            ))}
          </ul>
        )}
        <ul className="issue-list">
          {listedIssues(issues).map((issue, i) => (
            <IssueRow key={i} issue={issue} />
          ))}
        </ul>
        {more && (
          <p className="reason" data-testid="issues-unlisted">
            {more}
          </p>
        )}
      </div>
    </section>
  );
}
