import { App, Alert, Button, Descriptions, Spin, Tag, Timeline } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { shanghaiDateTime } from '../../../domain/dates'
import type { PetitionEventType } from '../../../domain/petition/events'
import { formatTrackingCode } from '../../../domain/tracking-code'
import type { PetitionDetail } from '../../../contract/views'
import { toApiError, useApiQuery } from '../../lib/useApiQuery'
import { printFromDesk } from '../printFromDesk'
import { useSession } from '../session'
import { ActionDialog, type StaffAction } from './ActionDialog'
import { DUE_COLOUR, type References } from './references'
import { timelineSentence } from './timelineWords'

/** One petition for staff: the facts, the contact in full, the whole timeline, and the allowed actions. */
export function PetitionDetailView({
  id,
  references,
  onBack,
  onOpen,
}: {
  id: string
  references: References | null
  onBack: () => void
  onOpen: (id: string) => void
}) {
  const { t } = useTranslation()
  const session = useSession()
  const { call } = session
  const { message } = App.useApp()
  const loaded = useApiQuery(`petition:${id}`, () => call('petitions.get', { id }))
  // Whether a paper of this receipt has printed: the backend marks the next one 补打 (reprint) exactly
  // then, so the button says 补打回执 only when it will, and 打印回执 for the first paper (a kiosk print
  // that failed or was never reported, a petition filed without one).
  const receipt = useApiQuery(`receipt:${id}`, () => call('receipts.get', { petitionId: id, reprint: false }))
  // An action answers with the new detail; it replaces what was loaded.
  const [acted, setActed] = useState<PetitionDetail | null>(null)
  const [action, setAction] = useState<StaffAction | null>(null)
  const [printing, setPrinting] = useState(false)

  const detail = acted ?? (loaded.state.status === 'ok' ? loaded.state.value : null)
  if (!detail) {
    return (
      <section className="staff-detail">
        <Button size="large" onClick={onBack}>
          {t('staff.detail.back')}
        </Button>
        {loaded.state.status === 'error' ? (
          <Alert type="error" showIcon title={loaded.state.error.message} />
        ) : (
          <Spin size="large" />
        )}
      </section>
    )
  }

  const { state } = detail
  const due = detail.due ?? 'none'
  const printedBefore = receipt.state.status === 'ok' && receipt.state.value.reprint
  const print = async () => {
    setPrinting(true)
    try {
      // Not forced to 补打: the core marks and audits a reprint when a paper of this petition is known to
      // have printed, so the first paper after a failed kiosk print goes out unmarked.
      const printed = await printFromDesk(id, session, false)
      if (printed) void message.success(t('staff.detail.reprinted'))
      else void message.error(t('staff.detail.reprintFailed'))
    } catch (e) {
      void message.error(toApiError(e).message)
    } finally {
      setPrinting(false)
      // The paper just printed (or not) decides what the button says next.
      receipt.reload()
    }
  }
  const done = (next: PetitionDetail, type: PetitionEventType) => {
    setActed(next)
    setAction(null)
    void message.success(t('staff.detail.done', { action: t(`staff.action.${type}`) }))
  }
  const stale = () => {
    setAction(null)
    setActed(null)
    loaded.reload()
    void message.warning(t('staff.detail.changedMeanwhile'))
  }

  return (
    <section className="staff-detail" aria-labelledby="staff-detail-title">
      <div className="staff-detail__head">
        <Button size="large" onClick={onBack}>
          {t('staff.detail.back')}
        </Button>
        <h1 id="staff-detail-title" className="staff-heading">
          {t('staff.detail.code', { code: formatTrackingCode(state.code) })}
        </h1>
        <Button
          size="large"
          loading={printing || receipt.state.status === 'loading'}
          onClick={() => void print()}
        >
          {t(printedBefore ? 'staff.detail.reprint' : 'staff.detail.print')}
        </Button>
      </div>

      <div className="staff-detail__grid">
        <div className="staff-detail__facts">
          <Descriptions bordered column={1} size="middle" title={t('staff.detail.facts')}>
            <Descriptions.Item label={t('staff.detail.status')}>
              <span data-testid="detail-status">{t(`staff.status.${state.status}`)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('staff.detail.category')}>{detail.categoryName}</Descriptions.Item>
            <Descriptions.Item label={t('staff.detail.level')}>
              {t(`staff.level.${state.level}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('staff.detail.dueOn')}>
              <Tag color={DUE_COLOUR[due]}>{t(`staff.due.${due}`)}</Tag>
              {state.dueOn}
            </Descriptions.Item>
            <Descriptions.Item label={t('staff.detail.round')}>{state.round}</Descriptions.Item>
            <Descriptions.Item label={t('staff.detail.channel')}>
              {t(`staff.channel.${detail.channel}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('staff.detail.place')}>
              {[detail.townshipName, detail.villageName].filter(Boolean).join(' ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('staff.detail.text')}>
              {/* Empty only for a petition taken back from the county after a restore (core/sync/restored.ts). */}
              <p className="staff-detail__text">{detail.text || t('staff.detail.textLost')}</p>
            </Descriptions.Item>
          </Descriptions>

          <Descriptions bordered column={1} size="middle" title={t('staff.detail.contact')}>
            {detail.contact ? (
              <>
                <Descriptions.Item label={t('staff.detail.contactName')}>
                  {detail.contact.name ?? t('staff.detail.notGiven')}
                </Descriptions.Item>
                <Descriptions.Item label={t('staff.detail.contactPhone')}>
                  {detail.contact.phone ?? t('staff.detail.notGiven')}
                </Descriptions.Item>
                <Descriptions.Item label={t('staff.detail.contactId')}>
                  {detail.contact.idNumber ?? t('staff.detail.notGiven')}
                </Descriptions.Item>
              </>
            ) : (
              <Descriptions.Item label={t('staff.detail.contactName')}>
                {t('staff.detail.anonymous')}
              </Descriptions.Item>
            )}
          </Descriptions>
        </div>

        <div className="staff-detail__side">
          <section aria-labelledby="staff-actions-title" className="staff-detail__actions">
            <h2 id="staff-actions-title" className="staff-subheading">
              {t('staff.detail.actions')}
            </h2>
            {detail.allowedActions.length === 0 ? (
              <p>{t('staff.detail.noActions')}</p>
            ) : (
              <div className="staff-detail__action-buttons">
                {detail.allowedActions.map((type) =>
                  type === 'submitted' || type === 'rated' ? null : (
                    <Button key={type} size="large" onClick={() => setAction(type)}>
                      {t(`staff.action.${type}`)}
                    </Button>
                  ),
                )}
              </div>
            )}
            {state.duplicateOf && (
              <Button size="large" onClick={() => state.duplicateOf && onOpen(state.duplicateOf)}>
                {t('staff.detail.openDuplicate')}
              </Button>
            )}
          </section>

          <section aria-labelledby="staff-timeline-title">
            <h2 id="staff-timeline-title" className="staff-subheading">
              {t('staff.detail.timeline')}
            </h2>
            <Timeline
              data-testid="timeline"
              items={detail.timeline.map((e) => ({
                key: e.id,
                content: (
                  <div className="staff-timeline__entry" data-testid="timeline-entry" data-type={e.type}>
                    <p className="staff-timeline__what">
                      {timelineSentence(e, t, references, detail.representativeNames)}
                    </p>
                    <p className="staff-timeline__meta">
                      {t('staff.timeline.meta', {
                        time: shanghaiDateTime(e.at),
                        actor: e.actorName ?? t(`staff.role.${e.actorRole as 'staff'}`),
                      })}
                    </p>
                  </div>
                ),
              }))}
            />
          </section>
        </div>
      </div>

      {action && (
        <ActionDialog
          type={action}
          detail={detail}
          references={references}
          onCancel={() => setAction(null)}
          onDone={(next) => done(next, action)}
          onStale={stale}
        />
      )}
    </section>
  )
}
