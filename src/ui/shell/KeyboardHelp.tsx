// The `?` dialog: every keyboard shortcut, grouped by panel.
import { Fragment } from 'react';
import { SHORTCUTS } from './shortcuts';

export function KeyboardHelp(props: { onClose: () => void }) {
  return (
    <section className="drawer" role="dialog" aria-label="Keyboard shortcuts">
      <header>
        <h2>Keyboard shortcuts</h2>
        <button type="button" onClick={props.onClose} aria-label="Close shortcuts">
          Close
        </button>
      </header>
      <div className="drawer-body">
        <table className="help-table">
          <tbody>
            {SHORTCUTS.map((group) => (
              <Fragment key={group.title}>
                <tr>
                  <th colSpan={2}>{group.title}</th>
                </tr>
                {group.shortcuts.map((s) => (
                  <tr key={s.what}>
                    <td>
                      {s.keys.map((k, i) => (
                        <Fragment key={k}>
                          {i > 0 && ' '}
                          <kbd>{k}</kbd>
                        </Fragment>
                      ))}
                    </td>
                    <td>{s.what}</td>
                  </tr>
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
