import { Alert, App, Button, Statistic } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SubmitPetitionResult } from '../../../contract/views'
import { formatTrackingCode } from '../../../domain/tracking-code'
import { printTicket } from '../../lib/printTicket'
import { toApiError, useApiQuery } from '../../lib/useApiQuery'
import { type OnSpotOutcome, WalkInForm } from '../petitions/WalkInForm'
import { useReferences } from '../petitions/references'
import { usePrintFiled } from '../printFromDesk'
import { useSession } from '../session'
import { WallAddressDialog } from './WallAddressDialog'
import './reception.css'

/** The desk's own figures refresh as often as the wall display's. */
const REFRESH_MS = 5_000

/**
 * 民意集市 at the desk: one tap draws and prints the next queue number; a short intake form files what a
 * resident brings (channel 民意集市) with 当场解决 as one choice on the same form; the day's figures as the
 * hall's wall display shows them (`/?view=wall`, opened from here: on the second screen by the shell, or
 * by hand in serve mode, where a page cannot place a window on another screen).
 */
export default function ReceptionDesk() {
  const { t } = useTranslation()
  const { call } = useSession()
  const { message } = App.useApp()
  const references = useReferences()
  const printFiled = usePrintFiled()
  const today = useApiQuery('staff.reception.today', () => call('reception.today', {}))
  const [drawing, setDrawing] = useState(false)
  // A new form (and submission id) for each resident.
  const [formKey, setFormKey] = useState(0)
  const [openingWall, setOpeningWall] = useState(false)
  const [wallHelp, setWallHelp] = useState(false)

  const { reload } = today
  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS)
    return () => window.clearInterval(timer)
  }, [reload])

  const draw = async () => {
    setDrawing(true)
    try {
      const ticket = await printTicket(call)
      if (ticket.printed) void message.success(t('reception.desk.printed', { number: ticket.number }))
      else void message.warning(t('reception.desk.notPrinted', { number: ticket.number }))
      reload()
    } catch (e) {
      void message.error(toApiError(e).message)
    } finally {
      setDrawing(false)
    }
  }

  const openWall = async () => {
    const bridge = window.station
    if (!bridge) {
      setWallHelp(true)
      return
    }
    setOpeningWall(true)
    try {
      const result = await bridge.openWall()
      if (result.ok) void message.success(t('reception.desk.wallOpened'))
      // Long enough to read what to plug in where.
      else void message.error(result.error.message, 8)
    } catch (e) {
      void message.error(toApiError(e).message)
    } finally {
      setOpeningWall(false)
    }
  }

  const filed = (result: SubmitPetitionResult, onSpot: OnSpotOutcome, alreadyFiled = false) => {
    const code = formatTrackingCode(result.code)
    if (alreadyFiled) void message.warning(t('staff.walkIn.alreadyFiled', { code }), 10)
    else if (onSpot === 'refused') void message.warning(t('reception.desk.onSpotRefused', { code }))
    else if (onSpot === 'failed') void message.warning(t('reception.desk.onSpotFailed', { code }))
    else if (onSpot === 'resolved') void message.success(t('reception.desk.filedOnSpot', { code }))
    else void message.success(t('reception.desk.filed', { code }))
    printFiled(result.id)
    setFormKey((k) => k + 1)
    reload()
  }

  const v = today.state.status === 'ok' ? today.state.value : null
  return (
    <section className="staff-queue reception-desk" aria-labelledby="reception-desk-title">
      <div className="reception-desk__head">
        <h1 id="reception-desk-title" className="staff-heading">
          {t('reception.desk.title')}
        </h1>
        <Button size="large" loading={openingWall} onClick={() => void openWall()}>
          {t('reception.desk.wall')}
        </Button>
      </div>
      {wallHelp && <WallAddressDialog onClose={() => setWallHelp(false)} />}
      {today.state.status === 'error' && <Alert type="error" showIcon title={today.state.error.message} />}
      {v && (
        <p className="reception-desk__theme">
          {v.receptionDay
            ? t('reception.desk.theme', {
                theme: v.receptionDay.theme,
                startsAt: v.receptionDay.startsAt,
                endsAt: v.receptionDay.endsAt,
              })
            : t('reception.desk.noReceptionDay')}
        </p>
      )}

      <div className="reception-desk__ticket">
        <Button
          type="primary"
          size="large"
          className="reception-desk__draw"
          loading={drawing}
          onClick={() => void draw()}
        >
          {t('reception.desk.ticket')}
        </Button>
        <Statistic
          title={t('reception.desk.lastTicket')}
          // The station's latest, not this desk's own: it counts other desks' draws and starts afresh each day.
          value={v?.lastTicket ?? '—'}
          styles={{ content: { fontSize: 56, fontWeight: 700 } }}
          data-testid="reception-last-ticket"
        />
        <Statistic title={t('reception.wall.visitors')} value={v?.visitors ?? 0} />
        <Statistic title={t('reception.wall.taken')} value={v?.petitionsTaken ?? 0} />
        <Statistic title={t('reception.wall.onSpot')} value={v?.resolvedOnSpot ?? 0} />
      </div>

      <h2 className="staff-subheading">{t('reception.desk.intake')}</h2>
      <WalkInForm
        key={formKey}
        references={references}
        channel="receptionDay"
        onSpot
        onCancel={() => setFormKey((k) => k + 1)}
        onFiled={filed}
      />
    </section>
  )
}
