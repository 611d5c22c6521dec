import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { registerSW } from 'virtual:pwa-register'
import { toWorkspaceId } from '../shared/doc-id'
import { App } from './App'
import { WorkspaceContext } from './hooks/workspace-context'
import { loadUser } from './hooks/use-user'
import { initI18n } from './i18n'
import { openDb } from './store/db'
import { BackgroundSync } from './sync/background-sync'
import { Workspace } from './sync/workspace'
import './styles.css'

/** Until accounts and workspaces exist (issue 4), every device works in one workspace. */
const WORKSPACE = toWorkspaceId('default')
const BACKGROUND_SYNC_INTERVAL_MS = 30_000

const i18n = await initI18n()
const relayUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`
const workspace = new Workspace({
  db: openDb(),
  workspaceId: WORKSPACE,
  relayUrl,
  user: loadUser((n) => i18n.t('user.defaultName', { n })),
  online: () => navigator.onLine,
})
void workspace.start()

// Files that are not open catch up in the background: at start, when the network returns,
// and every half minute while online. A failed round is retried by the next one.
const background = new BackgroundSync(workspace, location.origin)
const catchUp = () => {
  if (navigator.onLine) background.run().catch((error: unknown) => console.warn('background sync', error))
}
catchUp()
setInterval(catchUp, BACKGROUND_SYNC_INTERVAL_MS)
window.addEventListener('online', () => {
  workspace.setOnline(true)
  catchUp()
})
window.addEventListener('offline', () => workspace.setOnline(false))

// The service worker keeps the built app, so after one visit it opens with no network.
registerSW({ immediate: true })

const root = document.getElementById('root')
if (!root) throw new Error('no #root element')
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <WorkspaceContext.Provider value={workspace}>
        <App />
      </WorkspaceContext.Provider>
    </I18nextProvider>
  </StrictMode>,
)
