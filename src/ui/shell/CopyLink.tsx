// "Copy link": the page address with the whole view in it (store/url-state.ts: the source and its
// connection, the shown process, window, selected span, filters, search, selected range,
// histogram name and brush) put on the clipboard, or shown to copy by hand when the clipboard is
// refused. Built from the stores at the click, not from the page URL (written 250 ms later).
// Opened files have no address to reopen, so their view has no link.
import { useState } from 'react';
import { currentUrlView, formatUrlView } from '../../store/url-state';
import { useViewStoreApi } from '../store-context';
import { useApp, useAppContext } from './app-context';

export function CopyLink() {
  const { app } = useAppContext();
  const view = useViewStoreApi();
  const processParam = useApp((s) => s.processParam);
  const [shown, setShown] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const link = formatUrlView(window.location.href, currentUrlView(app, view));
    try {
      await navigator.clipboard.writeText(link);
      setShown(null);
      setCopied(true);
    } catch {
      setShown(link);
    }
  };
  const title = processParam
    ? 'Copy a link that reopens this view'
    : 'Files opened from this computer cannot be reopened by a link';
  return (
    <>
      <button
        type="button"
        data-testid="copy-link"
        disabled={!processParam}
        title={title}
        onClick={() => void copy()}
        onBlur={() => setCopied(false)}
      >
        {copied ? 'Link copied' : 'Copy link'}
      </button>
      {shown && (
        <input
          aria-label="Link to this view"
          className="copy-link-text"
          readOnly
          value={shown}
          onFocus={(e) => e.currentTarget.select()}
          onBlur={() => setShown(null)}
          autoFocus
        />
      )}
    </>
  );
}
