import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { registerSW } from 'virtual:pwa-register'
import { App } from './app/App'
import { AuthGate } from './features/account/AuthGate'
import { createAuthApi } from './runtime/session/auth-client'
import { openWorkspace } from './runtime/open-workspace'
import { AuthSession } from './runtime/session/session'
import { initI18n } from './i18n'
import { openDb } from './runtime/store/db'
import './styles.css'

const i18n = await initI18n()

// The workspace is opened by the session, for the signed-in member's own workspace, and
// closed (its local data deleted) when they sign out: see client/runtime/session/session.ts.
const api = createAuthApi()
const session = new AuthSession({
  api,
  storage: localStorage,
  isOnline: () => navigator.onLine,
  openDb: () => openDb(),
  openWorkspace,
})
void session.start().catch((error: unknown) => console.error('account start', error))
// The network is back: the relay may have forgotten this browser while it was away.
window.addEventListener('online', () => void session.checkSession())

// The service worker keeps the built app, so after one visit it opens with no network.
registerSW({ immediate: true })

const root = document.getElementById('root')
if (!root) throw new Error('no #root element')
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <AuthGate tools={{ session, api }}>
        <App />
      </AuthGate>
    </I18nextProvider>
  </StrictMode>,
)
