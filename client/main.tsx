/**
 * The composition root: the translations, the runtime (client/runtime/runtime.ts: HTTP
 * client, session, and the signed-in workspace with its store, sync and indexes), the
 * service worker, and the React tree that reaches the runtime only through client/ui/ hooks.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { registerSW } from 'virtual:pwa-register'
import { App } from './app/App'
import { initI18n } from './i18n'
import { createRuntime } from './runtime/runtime'
import { RuntimeContext } from './ui/runtime-context'
import './styles.css'

const i18n = await initI18n()

const runtime = createRuntime({
  storage: localStorage,
  isOnline: () => navigator.onLine,
  events: window,
  httpBase: '',
  wsBase: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`,
})
void runtime.start().catch((error: unknown) => console.error('account start', error))

// The service worker keeps the built app, so after one visit it opens with no network.
registerSW({ immediate: true })

const root = document.getElementById('root')
if (!root) throw new Error('no #root element')
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <RuntimeContext.Provider value={runtime}>
        <App />
      </RuntimeContext.Provider>
    </I18nextProvider>
  </StrictMode>,
)
