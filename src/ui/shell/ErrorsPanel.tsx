// The errors panel: every rejected input named by file, block, offset and reason, plus a failed
// load explained in words. Good data stays on screen behind it.
import { isError, type LoadIssue } from '../../store/backend';
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
    </li>
  );
}

export function ErrorsPanel(props: { onClose: () => void }) {
  const issues = useApp((s) => s.issues);
  const failure = useApp((s) => s.failure);
  const waiting = useApp((s) => s.waiting);
  const errors = issues.filter(isError);
  const skipped = issues.filter((i) => !isError(i));
  return (
    <section className="drawer" role="dialog" aria-label="Errors" data-testid="errors-panel">
      <header>
        <h2>
          Errors ({errors.length}){skipped.length > 0 && `, skipped files (${skipped.length})`}
        </h2>
        <button type="button" onClick={props.onClose} aria-label="Close errors">
          Close
        </button>
      </header>
      <div className="drawer-body">
        {failure && <p className="reason">{failure}</p>}
        {issues.length === 0 && !failure && <p>No input was rejected.</p>}
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
          {[...errors, ...skipped].map((issue, i) => (
            <IssueRow key={i} issue={issue} />
          ))}
        </ul>
      </div>
    </section>
  );
}
