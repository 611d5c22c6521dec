import { MembersPage } from './auth/MembersPage'
import { Header } from './components/Header'
import { KeptAsideNotice } from './components/KeptAsideNotice'
import { StorageNotice } from './components/StorageNotice'
import { useRoute } from './hooks/use-route'
import { AuditLog } from './views/AuditLog'
import { ChildList } from './views/ChildList'
import { ChildPage } from './views/ChildPage'
import { ContactCards } from './views/ContactCards'
import { ImportRoster } from './views/ImportRoster'
import { NewChild } from './views/NewChild'

export function App() {
  const route = useRoute()
  return (
    <>
      <Header />
      <StorageNotice />
      <KeptAsideNotice />
      {route.name === 'list' && <ChildList />}
      {route.name === 'new' && <NewChild />}
      {route.name === 'child' && <ChildPage key={route.childId} childId={route.childId} />}
      {route.name === 'import' && <ImportRoster />}
      {route.name === 'cards' && <ContactCards childId={route.childId} className={route.className} />}
      {route.name === 'members' && <MembersPage />}
      {route.name === 'audit' && <AuditLog childId={route.childId} userId={route.userId} />}
    </>
  )
}
