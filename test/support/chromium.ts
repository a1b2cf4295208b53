/**
 * Finds the system Chromium for the browser and end-to-end layers (Playwright never downloads
 * one here). Order: $CHROME_PATH, /usr/bin/chromium, then the usual Chrome/Chromium paths.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const INSTALL_HINT =
  'Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or point CHROME_PATH at a Chrome/Chromium binary.';

/** The Chromium to use, or an explanation of why there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string } | { error: string } {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) {
    return existsSync(fromEnv)
      ? { path: fromEnv }
      : { error: `CHROME_PATH is set to '${fromEnv}', which does not exist. ${INSTALL_HINT}` };
  }
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  return found
    ? { path: found }
    : { error: `No Chromium or Chrome found (looked in CHROME_PATH and ${CHROMIUM_CANDIDATES.join(', ')}). ${INSTALL_HINT}` };
}

/** The Chromium path, or throws with the install hint. */
export function requireChromium(): string {
  const found = findChromium();
  if ('error' in found) throw new Error(found.error);
  return found.path;
}

/**
 * Launch flags: root needs --no-sandbox; --enable-unsafe-webgpu turns WebGPU on (SwiftShader on
 * GPU-less machines); the rest keep Chromium off the network. Never --use-angle=vulkan (kills WebGPU).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
