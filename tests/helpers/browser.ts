import { chromium, type Browser } from 'playwright-core'
import { CHROMIUM_MISSING, findChromium, systemHost } from './find-chromium'

/**
 * The Chromium `npm test`'s first step found (or installed): CHROMIUM_PATH, else the system's.
 * Never a downloaded browser.
 */
function chromiumPath(): string {
  const search = findChromium(systemHost())
  if (search.type === 'found') return search.path
  throw new Error(search.type === 'bad-chromium-path' ? search.message : CHROMIUM_MISSING)
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // Without the background-networking flags Chromium keeps calling hosts this machine cannot reach.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
