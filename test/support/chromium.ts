import fs from 'node:fs';

/** Flags for a quiet headless Chromium: no GPU, no sandbox (containers), no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chromium lives: CHROMIUM_PATH when set, else the Debian package's binary. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** True when the Chromium binary exists and is executable. */
export function chromiumIsInstalled(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    fs.accessSync(chromiumPath(env), fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The one-line message shown when Chromium is missing. */
export const CHROMIUM_MISSING_MESSAGE =
  'Chromium est introuvable : installez-le avec `apt-get install chromium` (ou définissez CHROMIUM_PATH).';
