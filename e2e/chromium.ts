// How weft launches Chromium headless, shared by the e2e tests (playwright.config.ts) and
// `weft bench ui` (src/cli/bench-ui.ts): Debian's /usr/bin/chromium (Playwright cannot download
// browsers here), no GPU, no QUIC, no background traffic. No Playwright import: plain values.

/** The Chromium binary; WEFT_CHROMIUM overrides it. */
export const CHROMIUM_PATH = process.env.WEFT_CHROMIUM ?? '/usr/bin/chromium';

/** Flags added to Playwright's own (headless, fresh profile). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-quic',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
