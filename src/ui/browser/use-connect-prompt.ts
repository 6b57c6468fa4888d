// Opens the Connect dialog when the analytics server answers 401 (not logged in, or weft serve's
// --api-key missing): the user is asked at once instead of meeting an empty list later.
import { useEffect, useRef } from 'react';
import { useBrowserContext } from './browser-context';

export function useConnectPrompt(open: () => void): void {
  const { connection } = useBrowserContext();
  const latest = useRef(open);
  latest.current = open;
  useEffect(() => {
    const prompt = (auth: string) => auth === 'unauthorized' && latest.current();
    prompt(connection.store.getState().auth);
    return connection.store.subscribe((s, prev) => {
      if (s.auth !== prev.auth) prompt(s.auth);
    });
  }, [connection]);
}
