import { AuthGate } from '../features/account/AuthGate'
import { MembersPage } from '../features/members/MembersPage'
import { OrganisationPage } from '../features/organisation/OrganisationPage'
import { AccountPage } from '../features/account/AccountPage'
import { PairingsPage } from '../features/pairings/PairingsPage'
import { Header } from './Header'
import { KeptAsideNotice } from './KeptAsideNotice'
import { RefusedNotice } from './RefusedNotice'
import { StorageNotice } from './StorageNotice'
import { WipedNotice } from './WipedNotice'
import { useRoute } from '../ui/use-route'
import { AuditLog } from '../features/audit/AuditLog'
import { ChildList } from '../features/child-list/ChildList'
import { ChildPage } from '../features/case-file/ChildPage'
import { WholeFilePage } from '../features/case-file/WholeFilePage'
import { ContactCards } from '../features/cards/ContactCards'
import { ImportRoster } from '../features/import/ImportRoster'
import { NewChild } from '../features/case-file/NewChild'
import { SupervisorHome } from '../features/supervisor/SupervisorHome'
import { useSignedIn } from '../ui/use-session'
import { PlanPage } from '../features/plan/PlanPage'
import { AidPage } from '../features/aid/AidPage'
import { HomePage } from '../features/childrens-home/HomePage'
import { RolloverPage } from '../features/rollover/RolloverPage'
import { FormsPage } from '../features/forms/FormsPage'
import { FiguresPage } from '../features/figures/FiguresPage'
import { SummaryPage } from '../features/summary/SummaryPage'
import { PublishPage } from '../features/publish/PublishPage'
import { TasksPage } from '../features/tasks/TasksPage'
import { TasksPanel } from '../features/tasks/TasksPanel'
import { CareRulesPage } from '../features/care-rules/CareRulesPage'

/** The app: the account pages until someone is signed in, then the page the route names. */
export function App() {
  return (
    <AuthGate>
      <Pages />
    </AuthGate>
  )
}

/** What a supervisor may reach (SPEC J2): their reports, their account and the organisation; any other address shows the reports. */
const SUPERVISOR_ROUTES: ReadonlySet<string> = new Set(['list', 'account', 'organisation'])

function Pages() {
  const asked = useRoute()
  // A supervisor reads published reports only: their first page says so (no children's list),
  // and no address opens a page that would ask the relay for a child's file or a plan.
  const { role } = useSignedIn().account
  const supervisor = role === 'supervisor'
  const coordinator = role === 'coordinator'
  const route = supervisor && !SUPERVISOR_ROUTES.has(asked.name) ? ({ name: 'list' } as const) : asked
  return (
    <>
      <Header />
      <StorageNotice />
      <WipedNotice />
      <KeptAsideNotice />
      <RefusedNotice />
      {route.name === 'list' &&
        (supervisor ? (
          <SupervisorHome />
        ) : (
          <>
            {/* A teacher's or helper's first page starts with their tasks, the children one tap below (SPEC U10). */}
            {!coordinator && <TasksPanel childrenAnchor="children" />}
            <div id="children">
              <ChildList />
            </div>
          </>
        ))}
      {route.name === 'new' && <NewChild />}
      {route.name === 'child' && <ChildPage key={`${route.childId}/${route.record?.type ?? ''}`} childId={route.childId} record={route.record} />}
      {route.name === 'wholeFile' && <WholeFilePage key={route.childId} childId={route.childId} />}
      {route.name === 'import' && <ImportRoster />}
      {route.name === 'cards' && <ContactCards childId={route.childId} classId={route.classId} />}
      {route.name === 'members' && <MembersPage />}
      {route.name === 'organisation' && <OrganisationPage />}
      {route.name === 'account' && <AccountPage />}
      {route.name === 'pairings' && <PairingsPage />}
      {route.name === 'audit' && <AuditLog childId={route.childId} userId={route.userId} />}
      {route.name === 'plan' && <PlanPage key={`${route.term ?? ''}/${route.itemId ?? ''}`} term={route.term} view={route.view} itemId={route.itemId} />}
      {route.name === 'aid' && <AidPage term={route.term} distId={route.distId} />}
      {route.name === 'home' && <HomePage term={route.term} />}
      {route.name === 'rollover' && <RolloverPage />}
      {route.name === 'forms' && <FormsPage />}
      {route.name === 'figures' && <FiguresPage />}
      {route.name === 'summary' && <SummaryPage />}
      {route.name === 'publish' && <PublishPage key={route.term ?? ''} term={route.term} />}
      {route.name === 'tasks' && <TasksPage />}
      {route.name === 'careRules' && <CareRulesPage />}
    </>
  )
}
