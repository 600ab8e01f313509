import { App, Checkbox, DatePicker, Form, Input, Modal, Segmented, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DirectoryEntry, DutyRuleLaidOut } from '../../../contract/views'
import { DUTY_SLOTS, type DutySlot, RECEPTION_HOURS } from '../../../domain/duty'
import { errorText } from '../../api'
import { toApiError } from '../../lib/useApiQuery'
import { useSession } from '../session'
import { personFilter, personOptions } from './people'

type Kind = 'weekly' | 'monthlyNth'

/**
 * 新增固定排班规则: every given weekday (每周二) or the nth weekday of each month (每月第二个星期六), for a
 * representative, or for the station's 民意集市 day. Saving lays the rule out and reports what it skipped.
 */
export function RuleForm(props: {
  people: readonly DirectoryEntry[]
  today: string
  onClose: () => void
  onSaved: (laid: DutyRuleLaidOut) => void
}) {
  const { t } = useTranslation()
  const { call } = useSession()
  const { message } = App.useApp()
  const [openDay, setOpenDay] = useState(false)
  const [who, setWho] = useState<string | null>(null)
  const [theme, setTheme] = useState('')
  const [kind, setKind] = useState<Kind>('weekly')
  const [weekday, setWeekday] = useState(2)
  const [nth, setNth] = useState(2)
  const [slot, setSlot] = useState<DutySlot>('allDay')
  const [startsOn, setStartsOn] = useState<Dayjs>(() => dayjs(props.today))
  const [endsOn, setEndsOn] = useState<Dayjs | null>(null)
  const [busy, setBusy] = useState(false)

  const ready = openDay ? theme.trim() !== '' : who !== null
  const save = async () => {
    setBusy(true)
    try {
      const laid = await call('duty.addRule', {
        representativeId: openDay ? null : who,
        kind,
        weekday,
        nth: kind === 'monthlyNth' ? nth : null,
        slot,
        startsOn: startsOn.format('YYYY-MM-DD'),
        endsOn: endsOn?.format('YYYY-MM-DD') ?? null,
        receptionTheme: openDay ? theme.trim() : null,
      })
      props.onSaved(laid)
    } catch (e) {
      void message.error(errorText(toApiError(e)))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open
      title={t('staff.duty.rules.addTitle')}
      okText={t('staff.duty.rules.save')}
      okButtonProps={{ size: 'large', disabled: !ready, loading: busy }}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => void save()}
      onCancel={props.onClose}
    >
      <Form layout="vertical" size="large" className="duty-rule-form">
        <Form.Item>
          <Checkbox checked={openDay} onChange={(e) => setOpenDay(e.target.checked)}>
            {t('staff.duty.rules.forOpenDay')}
          </Checkbox>
        </Form.Item>
        {openDay ? (
          <Form.Item label={t('staff.duty.rules.theme')}>
            <Input maxLength={40} value={theme} onChange={(e) => setTheme(e.target.value)} />
          </Form.Item>
        ) : (
          <Form.Item label={t('staff.duty.day.representative')}>
            <Select
              showSearch={{ filterOption: personFilter(props.people) }}
              aria-label={t('staff.duty.day.representative')}
              value={who}
              onChange={(v: string) => setWho(v)}
              options={personOptions(props.people, t)}
            />
          </Form.Item>
        )}
        <Form.Item>
          <Segmented<Kind>
            value={kind}
            onChange={setKind}
            options={(['weekly', 'monthlyNth'] as const).map((k) => ({
              value: k,
              label: t(`staff.duty.rules.kind.${k}`),
            }))}
          />
        </Form.Item>
        <div className="duty-rule-form__row">
          {kind === 'monthlyNth' && (
            <Form.Item label={t('staff.duty.rules.nth')}>
              <Select
                aria-label={t('staff.duty.rules.nth')}
                value={nth}
                onChange={setNth}
                options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: n }))}
              />
            </Form.Item>
          )}
          <Form.Item label={t('staff.duty.rules.weekday')}>
            <Select
              aria-label={t('staff.duty.rules.weekday')}
              value={weekday}
              onChange={setWeekday}
              options={([1, 2, 3, 4, 5, 6, 0] as const).map((d) => ({
                value: d,
                label: t(`kiosk.home.weekday.${d}`),
              }))}
            />
          </Form.Item>
        </div>
        <Form.Item
          extra={
            // The market's days open for the half-day chosen here; say the hours so staff know.
            openDay
              ? t('staff.duty.rules.openDayHours', {
                  start: RECEPTION_HOURS[slot].startsAt,
                  end: RECEPTION_HOURS[slot].endsAt,
                })
              : undefined
          }
        >
          <Segmented<DutySlot>
            value={slot}
            onChange={setSlot}
            options={DUTY_SLOTS.map((s) => ({ value: s, label: t(`kiosk.home.duty.slot.${s}`) }))}
          />
        </Form.Item>
        <div className="duty-rule-form__row">
          <Form.Item label={t('staff.duty.rules.startsOn')}>
            <DatePicker
              value={startsOn}
              allowClear={false}
              onChange={(d: Dayjs | null) => d && setStartsOn(d)}
            />
          </Form.Item>
          <Form.Item label={t('staff.duty.rules.endsOn')}>
            <DatePicker
              value={endsOn}
              disabledDate={(d: Dayjs) => d.isBefore(startsOn, 'day')}
              onChange={(d: Dayjs | null) => setEndsOn(d)}
            />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  )
}
