import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChildRow } from '../../../shared/indexes/rows'
import { useAuth } from '../../ui/use-session'
import type { Member } from '../../runtime/session/auth-client'
import { failureMessage } from '../../ui/auth-messages'
import { MemberAdmin } from './MemberAdmin'
import { ClassPicker } from '../../ui/ClassPicker'
import { classLabelIn } from '../../ui/class-label'
import { classIdOrder } from '../../ui/class-sort'
import { useOrganisation } from '../../ui/use-organisation'

type Say = (message: string, failed?: boolean) => void

/** One member: who, which role; ending their sessions; a teacher's classes, a helper's children. */
export function MemberCard({ member, self, childList, classNames, onChanged }: { member: Member; self: boolean; childList: ChildRow[]; classNames: string[]; onChanged: () => void }) {
  const { t } = useTranslation()
  const { api } = useAuth()
  const [confirming, setConfirming] = useState(false)
  const [status, setStatus] = useState<{ message: string; failed: boolean } | null>(null)
  const say: Say = (message, failed = false) => setStatus({ message, failed })
  const name = member.displayName

  const endSessions = async () => {
    setConfirming(false)
    try {
      await api.endSessions(member.id)
      say(t('auth.members.endSessionsDone', { name }))
    } catch (error) {
      say(failureMessage(t, error), true)
    }
  }

  return (
    <li className="member" data-testid="member" data-username={member.username}>
      <div className="member-head">
        <span className="member-name">
          {name}
          {self && <span className="member-self">{t('auth.members.you')}</span>}
        </span>
        <span className={`role-badge role-${member.role}`}>{t(`auth.roles.${member.role}`)}</span>
        <span className="member-username">{member.username}</span>
      </div>
      <MemberAdmin member={member} onChanged={onChanged} />
      {member.role === 'teacher' && <ClassForm member={member} classNames={classNames} say={say} />}
      {member.role === 'helper' && <PairingForm member={member} childList={childList} say={say} />}
      {!self && (
        <div className="member-actions">
          {confirming ? (
            <>
              <span>{t('auth.members.endSessionsConfirm', { name })}</span>
              <button type="button" className="danger" onClick={() => void endSessions()}>
                {t('auth.members.endSessions')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('auth.members.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="link-button" onClick={() => setConfirming(true)}>
              {t('auth.members.endSessions')}
            </button>
          )}
        </div>
      )}
      {status && (
        <p className={status.failed ? 'auth-failure' : 'member-done'} role={status.failed ? 'alert' : 'status'}>
          {status.message}
        </p>
      )}
    </li>
  )
}

function ClassForm({ member, say }: { member: Member; classNames: string[]; say: Say }) {
  const { t } = useTranslation()
  const org = useOrganisation()
  const { api } = useAuth()
  const [classId, setClassId] = useState('')
  const id = `class-${member.id}`
  const send = async (assigned: boolean) => {
    const name = classId.trim()
    if (name === '') return document.getElementById(id)?.focus()
    try {
      await api.setClass({ userId: member.id, classId: name, assigned })
      say(t(assigned ? 'auth.members.classAssigned' : 'auth.members.classUnassigned', { name: member.displayName, className: classLabelIn(t, org, name) ?? name }))
    } catch (error) {
      say(failureMessage(t, error), true)
    }
  }
  return (
    <div className="member-scope">
      <label htmlFor={id}>{t('auth.members.className')}</label>
      {/* One of the organisation's classes, never a typed name that would give the teacher nobody. */}
      <ClassPicker id={id} value={classId} onChange={setClassId} />
      <div className="member-scope-actions">
        <button type="button" onClick={() => void send(true)}>
          {t('auth.members.assignClass')}
        </button>
        <button type="button" onClick={() => void send(false)}>
          {t('auth.members.unassignClass')}
        </button>
      </div>
    </div>
  )
}

function PairingForm({ member, childList, say }: { member: Member; childList: ChildRow[]; say: Say }) {
  const { t } = useTranslation()
  const org = useOrganisation()
  const { api } = useAuth()
  const [childId, setChildId] = useState('')
  const id = `pair-${member.id}`
  const send = async (paired: boolean) => {
    const child = childList.find((c) => c.id === childId)
    if (!child) return document.getElementById(id)?.focus()
    try {
      await api.setPairing({ userId: member.id, childId: child.id, paired })
      say(t(paired ? 'auth.members.paired' : 'auth.members.unpaired', { name: member.displayName, child: child.name || t('auth.members.unnamedChild') }))
    } catch (error) {
      say(failureMessage(t, error), true)
    }
  }
  if (childList.length === 0) return <p className="auth-hint">{t('auth.members.noChildren')}</p>
  const byClass = new Map<string, ChildRow[]>()
  for (const child of childList) byClass.set(child.classId, [...(byClass.get(child.classId) ?? []), child])
  return (
    <div className="member-scope">
      <label htmlFor={id}>{t('auth.members.child')}</label>
      <select id={id} value={childId} onChange={(e) => setChildId(e.target.value)}>
        <option value="">{t('auth.members.chooseChild')}</option>
        {/* Classes by grade, named as the organisation names them. */}
        {[...byClass].sort(([a], [b]) => classIdOrder(org)(a, b)).map(([classId, list]) => (
          <optgroup key={classId} label={classId ? (classLabelIn(t, org, classId) ?? classId) : t('auth.members.noClass')}>
            {list.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name || t('auth.members.unnamedChild')}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <div className="member-scope-actions">
        <button type="button" onClick={() => void send(true)}>
          {t('auth.members.pair')}
        </button>
        <button type="button" onClick={() => void send(false)}>
          {t('auth.members.unpair')}
        </button>
      </div>
    </div>
  )
}
