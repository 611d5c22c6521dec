/**
 * An Authorizer that admits everyone to everything: every request is the same caller, who
 * may write every document and list every workspace, and nothing is audited. Only for
 * benchmarks and tests of the relay's mechanics; lint forbids importing it anywhere under
 * server/ but tests, so `npm start` (server/main.ts) can never reach it.
 */
import { Hono } from 'hono'
import type { Authorizer, Caller } from './authorizer'

const ANYONE: Caller = {
  identity: { id: 'anyone', name: 'anyone' },
  access: () => 'write',
  mayList: () => true,
  writer: () => ({ id: 'anyone', role: 'coordinator', classTeacher: false, name: 'anyone', memberSince: 0 }),
  mayManage: () => true,
  readScope: () => 'everything',
  listMarks: () => ({ filing: 'everything', directory: 'everything' }),
  audit: () => {},
  again: () => ANYONE,
}

export const allowAll: Authorizer = {
  callerOf: () => ANYONE,
  routes: () => new Hono(),
  setupToken: () => undefined,
  forget: () => {},
  learn: () => [],
}
