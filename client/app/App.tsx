import { AuthGate } from '../features/account/AuthGate'
import { MembersPage } from '../features/members/MembersPage'
import { AccountPage } from '../features/account/AccountPage'
import { Header } from './Header'
import { KeptAsideNotice } from './KeptAsideNotice'
import { RefusedNotice } from './RefusedNotice'
import { StorageNotice } from './StorageNotice'
import { WipedNotice } from './WipedNotice'
import { useRoute } from '../ui/use-route'
import { AuditLog } from '../features/audit/AuditLog'
import { ChildList } from '../features/child-list/ChildList'
import { ChildPage } from '../features/case-file/ChildPage'
import { ContactCards } from '../features/cards/ContactCards'
import { ImportRoster } from '../features/import/ImportRoster'
import { NewChild } from '../features/case-file/NewChild'

/** The app: the account pages until someone is signed in, then the page the route names. */
export function App() {
  return (
    <AuthGate>
      <Pages />
    </AuthGate>
  )
}

function Pages() {
  const route = useRoute()
  return (
    <>
      <Header />
      <StorageNotice />
      <WipedNotice />
      <KeptAsideNotice />
      <RefusedNotice />
      {route.name === 'list' && <ChildList />}
      {route.name === 'new' && <NewChild />}
      {route.name === 'child' && <ChildPage key={route.childId} childId={route.childId} />}
      {route.name === 'import' && <ImportRoster />}
      {route.name === 'cards' && <ContactCards childId={route.childId} className={route.className} />}
      {route.name === 'members' && <MembersPage />}
      {route.name === 'account' && <AccountPage />}
      {route.name === 'audit' && <AuditLog childId={route.childId} userId={route.userId} />}
    </>
  )
}
