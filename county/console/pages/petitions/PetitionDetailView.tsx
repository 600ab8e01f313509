import { Alert, App, Button, Descriptions, Tag, Timeline, Typography } from 'antd'
import { useState } from 'react'
import type { CountyActionType, CountyPetitionDetail, Dossier } from '../../../../contract/county-console'
import { shanghaiDate } from '../../../../domain/dates'
import { STATUS_NAME_ZH } from '../../../../domain/names-zh'
import { TIMED_STATUSES } from '../../../../domain/petition/types'
import { type Translate, useT } from '../../i18n'
import { categoryName, dateTime } from '../../lib/format'
import { ActionForm } from './ActionForm'
import { eventDetail } from './timelineWords'

/** The county's steps in the liaison stations' red, the station's in blue. */
const ORIGIN_COLOR = { county: '#a3191f', station: '#0b4f8f' } as const

/** The petition as the county sees it: where it stands, what the station sent, every step, and what next. */
export function PetitionDetailView({
  detail,
  onActed,
  onStale,
}: {
  detail: CountyPetitionDetail
  onActed: (next: CountyPetitionDetail) => void
  /** An action was refused because the petition changed since it was shown. */
  onStale: () => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const [action, setAction] = useState<CountyActionType | null>(null)
  const { state } = detail
  // Today as of opening the petition; the drawer is not kept open across midnight.
  const [today] = useState(() => shanghaiDate(Date.now()))
  const overdue = TIMED_STATUSES.includes(state.status) && state.dueOn < today
  // The form of an action the petition no longer allows (after another action) closes by itself.
  const shown = action !== null && detail.actions.includes(action) ? action : null

  return (
    <div className="console-detail">
      <section aria-labelledby="detail-summary">
        <Typography.Title level={2} id="detail-summary" className="console-section-title">
          {t('petitions.detail.summary')}
        </Typography.Title>
        <Descriptions
          bordered
          size="small"
          column={2}
          data-testid="petition-summary"
          items={[
            { key: 'station', label: t('petitions.detail.station'), children: detail.stationName },
            {
              key: 'category',
              label: t('petitions.detail.category'),
              children: categoryName(state.categoryId),
            },
            { key: 'status', label: t('petitions.detail.status'), children: STATUS_NAME_ZH[state.status] },
            {
              key: 'level',
              label: t('petitions.detail.level'),
              children: t(`petitions.level.${state.level}`),
            },
            {
              key: 'department',
              label: t('petitions.detail.department'),
              children: state.department ?? t('app.none'),
            },
            {
              key: 'dueOn',
              label: t('petitions.detail.dueOn'),
              children: overdue ? (
                <span className="console-overdue">
                  {state.dueOn} <Tag color="red">{t('petitions.overdue')}</Tag>
                </span>
              ) : (
                state.dueOn
              ),
            },
            {
              key: 'submittedAt',
              label: t('petitions.detail.submittedAt'),
              children: dateTime(state.submittedAt),
            },
            {
              key: 'round',
              label: t('petitions.detail.round'),
              children: t('petitions.detail.roundN', { n: state.round }),
            },
            ...(state.answer === null
              ? []
              : [{ key: 'answer', label: t('petitions.detail.answer'), children: state.answer, span: 2 }]),
            ...(state.status === 'replied' || state.status === 'closed'
              ? [
                  {
                    key: 'rating',
                    label: t('petitions.detail.rating'),
                    children: state.rating
                      ? t(`petitions.rating.${state.rating}`)
                      : t('petitions.detail.notRated'),
                    span: 2,
                  },
                ]
              : []),
          ]}
        />
      </section>

      <section aria-labelledby="detail-dossier" className="console-gap">
        <Typography.Title level={2} id="detail-dossier" className="console-section-title">
          {t('petitions.detail.dossier')}
        </Typography.Title>
        <DossierView dossier={detail.dossier} atCounty={state.level === 'county'} t={t} />
      </section>

      <section aria-labelledby="detail-actions" className="console-gap">
        <Typography.Title level={2} id="detail-actions" className="console-section-title">
          {t('petitions.detail.actions')}
        </Typography.Title>
        {detail.actions.length === 0 ? (
          <Typography.Paragraph type="secondary">{t('petitions.detail.noActions')}</Typography.Paragraph>
        ) : (
          <div className="console-actions" role="group" aria-label={t('petitions.detail.actions')}>
            {detail.actions.map((a) => (
              <Button
                key={a}
                type={shown === a ? 'primary' : 'default'}
                aria-pressed={shown === a}
                onClick={() => setAction(shown === a ? null : a)}
              >
                {t(`petitions.action.${a}`)}
              </Button>
            ))}
          </div>
        )}
        {shown !== null && (
          <ActionForm
            key={shown}
            type={shown}
            petitionId={state.id}
            revision={detail.revision}
            onStale={onStale}
            onCancel={() => setAction(null)}
            onDone={(next) => {
              setAction(null)
              void message.success(t('petitions.detail.done', { action: t(`petitions.action.${shown}`) }))
              onActed(next)
            }}
          />
        )}
      </section>

      <section aria-labelledby="detail-timeline" className="console-gap">
        <Typography.Title level={2} id="detail-timeline" className="console-section-title">
          {t('petitions.detail.timeline')}
        </Typography.Title>
        <Timeline
          data-testid="petition-timeline"
          items={detail.timeline.map((entry) => {
            const e = entry.event
            const extra = eventDetail(entry, t)
            const who = t(`petitions.actor.${e.actor.role}`)
            return {
              key: e.id,
              color: ORIGIN_COLOR[entry.origin],
              content: (
                <div className="console-timeline-entry" data-testid="timeline-entry">
                  <div>
                    <strong>{t(`petitions.event.${e.type}`)}</strong>{' '}
                    <Tag color={ORIGIN_COLOR[entry.origin]}>{t(`petitions.origin.${entry.origin}`)}</Tag>
                    {extra && <span className="console-dossier-text">{extra}</span>}
                  </div>
                  <div className="console-timeline-meta">
                    {dateTime(e.at)} ·{' '}
                    {e.actor.role === 'county' && e.actor.id ? `${who}（${e.actor.id}）` : who}
                  </div>
                </div>
              ),
            }
          })}
        />
      </section>
    </div>
  )
}

/** The station's dossier, or a plain word on why there is none. */
function DossierView({ dossier, atCounty, t }: { dossier: Dossier | null; atCounty: boolean; t: Translate }) {
  if (dossier === null) {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="dossier-none"
        title={atCounty ? t('petitions.detail.dossierPending') : t('petitions.detail.noDossier')}
      />
    )
  }
  const contact = dossier.anonymous
    ? t('petitions.detail.anonymous')
    : [
        `${t('petitions.detail.contactName')}：${dossier.contactName ?? t('petitions.detail.notGiven')}`,
        `${t('petitions.detail.contactPhone')}：${dossier.contactPhone ?? t('petitions.detail.notGiven')}`,
      ].join('　')
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      data-testid="dossier"
      items={[
        {
          key: 'text',
          label: t('petitions.detail.text'),
          children: <span className="console-dossier-text">{dossier.text}</span>,
        },
        { key: 'contact', label: t('petitions.detail.contact'), children: contact },
        {
          key: 'receivedAt',
          label: t('petitions.detail.receivedAt'),
          children: dateTime(dossier.receivedAt),
        },
      ]}
    />
  )
}
