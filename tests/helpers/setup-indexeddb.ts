// Dexie must find IndexedDB when it loads, so the fake is installed before any test module.
import 'fake-indexeddb/auto'
