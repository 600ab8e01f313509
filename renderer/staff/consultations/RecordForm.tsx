import { Alert, Button, DatePicker, Form, Input, InputNumber, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { CONSULTATION_KINDS, type ConsultationKind } from '../../../domain/consultation'
import { useToday } from '../../lib/calendar'
import { useApiQuery } from '../../lib/useApiQuery'
import { FormPage } from '../FormPage'
import { useSession } from '../session'
import { useFormSubmit } from '../useFormSubmit'

/** What the form fields hold. */
interface Fields {
  kind: ConsultationKind
  date?: Dayjs
  place?: string
  representativeIds?: string[]
  residentsCount?: number | null
  topic?: string
  petitionCodes?: string[]
  minutes?: string
  outcome?: string
}

/** The bounds of contract/schemas.ts RecordConsultationInput, so the form stops where the backend would. */
const MAX = { place: 100, topic: 200, minutes: 5000, outcome: 5000 } as const

/** Records one consultation; the backend checks the roster, the codes and the date and has the last word. */
export function RecordForm({ onCancel, onSaved }: { onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation()
  const { call } = useSession()
  const [form] = Form.useForm<Fields>()
  const { busy, error, run } = useFormSubmit(form)
  // Shanghai's day, not the PC's: a PC clock in UTC is still on yesterday until 08:00 in China.
  const today = useToday()
  const roster = useApiQuery('staff.roster', () => call('roster.directory', {}))
  const representatives = roster.state.status === 'ok' ? roster.state.value.representatives : []
  const required = [{ required: true, whitespace: true, message: t('staff.consultations.form.required') }]

  const submit = (f: Fields) =>
    run(async () => {
      await call('consultations.record', {
        kind: f.kind,
        date: f.date?.format('YYYY-MM-DD') ?? '',
        place: (f.place ?? '').trim(),
        representativeIds: f.representativeIds ?? [],
        residentsCount: f.residentsCount ?? 0,
        topic: (f.topic ?? '').trim(),
        petitionCodes: f.petitionCodes ?? [],
        minutes: (f.minutes ?? '').trim(),
        outcome: (f.outcome ?? '').trim(),
      })
      onSaved()
    })

  return (
    <FormPage
      id="staff-consultation-form-title"
      title={t('staff.consultations.form.title')}
      backLabel={t('staff.consultations.form.back')}
      onBack={onCancel}
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        size="large"
        className="staff-consultation-form"
        initialValues={{ kind: 'benchCouncil', date: dayjs(today), residentsCount: 0, petitionCodes: [] }}
        onFinish={(f) => void submit(f)}
      >
        <Form.Item name="kind" label={t('staff.consultations.form.kind')}>
          <Select
            options={CONSULTATION_KINDS.map((k) => ({ value: k, label: t(`staff.consultations.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="date"
          label={t('staff.consultations.form.date')}
          rules={[{ required: true, message: t('staff.consultations.form.pickDate') }]}
        >
          <DatePicker inputReadOnly disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > today} />
        </Form.Item>
        <Form.Item name="place" label={t('staff.consultations.form.place')} rules={required}>
          <Input maxLength={MAX.place} placeholder={t('staff.consultations.form.placePlaceholder')} />
        </Form.Item>
        {roster.state.status === 'error' && (
          <Alert
            type="error"
            showIcon
            title={t('staff.consultations.form.rosterFailed', { message: roster.state.error.message })}
            action={
              <Button size="large" onClick={roster.reload}>
                {t('staff.consultations.form.rosterRetry')}
              </Button>
            }
          />
        )}
        <Form.Item
          name="representativeIds"
          label={t('staff.consultations.form.representatives')}
          rules={[{ required: true, message: t('staff.consultations.form.pickRepresentatives') }]}
        >
          <Select
            mode="multiple"
            loading={roster.state.status === 'loading'}
            placeholder={t('staff.consultations.form.representativesPlaceholder')}
            showSearch={{ optionFilterProp: ['label', 'pinyin', 'initials'] }}
            options={representatives.map((r) => ({
              value: r.id,
              label: r.name,
              pinyin: r.namePinyin,
              initials: r.nameInitials,
            }))}
          />
        </Form.Item>
        <Form.Item name="residentsCount" label={t('staff.consultations.form.residentsCount')}>
          <InputNumber min={0} max={100_000} precision={0} />
        </Form.Item>
        <Form.Item name="topic" label={t('staff.consultations.form.topic')} rules={required}>
          <Input maxLength={MAX.topic} showCount />
        </Form.Item>
        <Form.Item
          name="petitionCodes"
          label={t('staff.consultations.form.petitionCodes')}
          extra={t('staff.consultations.form.petitionCodesHint')}
        >
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="minutes" label={t('staff.consultations.form.minutes')}>
          <Input.TextArea rows={4} maxLength={MAX.minutes} showCount />
        </Form.Item>
        <Form.Item name="outcome" label={t('staff.consultations.form.outcome')}>
          <Input.TextArea rows={3} maxLength={MAX.outcome} showCount />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error.message} />}
        <div className="staff-detail__action-buttons">
          <Button size="large" onClick={onCancel}>
            {t('staff.consultations.form.cancel')}
          </Button>
          <Button size="large" type="primary" htmlType="submit" loading={busy}>
            {t('staff.consultations.form.save')}
          </Button>
        </div>
      </Form>
    </FormPage>
  )
}
