import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContactCardData } from './card-data'
import { classLabelIn } from '../../ui/class-label'
import { useOrganisation } from '../../ui/use-organisation'
import { useDirectory } from '../../ui/use-directory'
import { groupPhone } from './phone-format'
import { PhoneLink } from '../../ui/PhoneLink'

/**
 * One contact card, exactly A6. It is a paper form: every row has a line, and a value
 * nobody has filled in leaves the line empty to be written in by hand.
 */
export function ContactCard({ card }: { card: ContactCardData }) {
  const { t } = useTranslation()
  const org = useOrganisation()
  const directory = useDirectory()
  // A member's own phone, from their account (SPEC M1), over what the pairing stored.
  const phoneOf = (h: { phone: string; userId?: string }) => (h.userId ? directory.get(h.userId)?.phone : undefined) ?? h.phone
  const relation = card.guardian.relation ? t(`field.options.relation.${card.guardian.relation}`) : ''
  return (
    <article className="contact-card" data-testid="contact-card" data-child-id={card.childId}>
      <header className="card-head">
        <span className="card-kind">{t('cards.title')}</span>
        <h2 className="card-name">
          <Line value={card.name} />
        </h2>
        <p className="card-class">
          <Line value={classLabelIn(t, org, card.classId) ?? card.classId} />
        </p>
      </header>
      <dl className="card-rows">
        <Row label={t('field.labels.father.name')} value={card.father.name} />
        <Row label={t('field.labels.father.workplace')} value={card.father.workplace} long />
        <PhoneRow label={t('field.labels.father.phone')} value={card.father.phone} />
        <Row label={t('field.labels.mother.name')} value={card.mother.name} group />
        <Row label={t('field.labels.mother.workplace')} value={card.mother.workplace} long />
        <PhoneRow label={t('field.labels.mother.phone')} value={card.mother.phone} />
        <Row label={t('field.labels.guardian.name')} value={card.guardian.name} group />
        <Row label={t('field.labels.guardian.relation')} value={relation} />
        <PhoneRow label={t('field.labels.guardian.phone')} value={card.guardian.phone} />
        <Row label={t('cards.classTeacherName')} value={card.classTeacher.name} group />
        <PhoneRow label={t('cards.classTeacherPhone')} value={phoneOf(card.classTeacher)} />
        {card.helpers.map((h, i) => (
          <Row key={i} label={t(`pairings.kinds.${h.kind}`)} value={phoneOf(h) ? `${h.name} ${groupPhone(phoneOf(h)).number}` : h.name} group={i === 0} />
        ))}
      </dl>
    </article>
  )
}

/** A value on its line; an empty one is only the line. */
function Line({ value }: { value: ReactNode }) {
  return <span className="card-line">{value}</span>
}

function Row({ label, value, long, group }: { label: string; value: ReactNode; long?: boolean; group?: boolean }) {
  return (
    <div className={`card-row${group ? ' card-group' : ''}${long ? ' card-long' : ''}`}>
      <dt>{label}</dt>
      <dd>
        <Line value={value} />
      </dd>
    </div>
  )
}

function PhoneRow({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation()
  if (value === '') return <Row label={label} value="" />
  const { number, ext } = groupPhone(value)
  const shown = ext ? `${number} ${t('cards.ext', { ext })}` : number
  // On paper a number; on a phone's screen a tap calls it (SPEC H7).
  return (
    <Row
      label={label}
      value={
        <span className="card-phone">
          <PhoneLink phone={value} label={t('home.call', { who: label, phone: shown })}>
            {shown}
          </PhoneLink>
        </span>
      }
    />
  )
}
