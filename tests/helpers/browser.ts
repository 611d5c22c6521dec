import { chromium, type Browser, type BrowserContext } from 'playwright-core'
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

// Without the background-networking flags Chromium keeps calling hosts this machine cannot reach.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ARGS })
}

/**
 * One device whose storage outlives its browser (a profile folder): closed abruptly and started
 * again, it finds its IndexedDB, localStorage and cookie as a phone does after the app was killed.
 */
export function launchDevice(profileDir: string, options: { width?: number; height?: number; locale?: string } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    args: ARGS,
    locale: options.locale ?? 'zh-CN',
    viewport: { width: options.width ?? 360, height: options.height ?? 740 },
  })
}
