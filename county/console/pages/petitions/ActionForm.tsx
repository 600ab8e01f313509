import { Button, DatePicker, Form, Input, Radio, Space } from 'antd'
import type { Dayjs } from 'dayjs'
import {
  CountyActionBody,
  type CountyActionType,
  type CountyPetitionDetail,
} from '../../../../contract/county-console'
import { shanghaiDate } from '../../../../domain/dates'
import { REPLY_METHODS, type ReplyMethod } from '../../../../domain/petition/types'
import { ConsoleApiError, api } from '../../api'
import { useT } from '../../i18n'
import { useSubmission } from '../../lib/forms'
import { FormError } from '../../lib/FormError'

/** What the fields hold; each action reads the ones it shows. */
interface Fields {
  department?: string
  dueOn?: Dayjs | null
  reason?: string
  text?: string
  answer?: string
  method?: ReplyMethod
}

const FIELDS = ['department', 'dueOn', 'reason', 'text', 'answer', 'method'] as const

/** The body the contract expects, before its schema has checked it (empty fields stay empty strings). */
function bodyOf(type: CountyActionType, f: Fields, revision: number): unknown {
  switch (type) {
    case 'transferred':
      return { type, department: f.department ?? '', revision }
    case 'deadlineSet':
    case 'deadlineExtended':
      return { type, dueOn: f.dueOn ? f.dueOn.format('YYYY-MM-DD') : '', reason: f.reason ?? '', revision }
    case 'supervised':
    case 'noted':
      return { type, text: f.text ?? '', revision }
    case 'replied':
      return { type, answer: f.answer ?? '', method: f.method, revision }
  }
}

/**
 * One county action as a form, checked by the contract's schema here and again by the hub. It carries the
 * revision of the petition as shown; when the hub finds it changed since, `onStale` has the petition read
 * again (and says so) while the form keeps what was typed.
 */
export function ActionForm({
  type,
  petitionId,
  revision,
  onCancel,
  onDone,
  onStale,
}: {
  type: CountyActionType
  petitionId: string
  revision: number
  onCancel: () => void
  onDone: (next: CountyPetitionDetail) => void
  onStale: () => void
}) {
  const t = useT()
  const [form] = Form.useForm<Fields>()
  const { busy, error, submit } = useSubmission(form, FIELDS)

  const onFinish = async (values: Fields) => {
    const next = await submit(CountyActionBody, bodyOf(type, values, revision), async (body) => {
      try {
        return await api.act(petitionId, body)
      } catch (e) {
        if (!(e instanceof ConsoleApiError && e.code === 'STALE')) throw e
        // Not a mistake in the form: the drawer reloads the petition and says why above it.
        onStale()
        return null
      }
    })
    if (next) onDone(next)
  }

  const textArea = (name: 'reason' | 'text' | 'answer', label: string, rows = 3) => (
    <Form.Item name={name} label={label}>
      <Input.TextArea rows={rows} />
    </Form.Item>
  )

  return (
    <Form<Fields>
      form={form}
      layout="vertical"
      requiredMark={false}
      className="console-action-form"
      aria-label={t(`petitions.action.${type}`)}
      onFinish={(values) => void onFinish(values)}
    >
      <FormError error={error} />
      {type === 'transferred' && (
        <Form.Item name="department" label={t('petitions.form.department')}>
          <Input placeholder={t('petitions.form.departmentHint')} />
        </Form.Item>
      )}
      {(type === 'deadlineSet' || type === 'deadlineExtended') && (
        <>
          <Form.Item
            name="dueOn"
            label={t('petitions.form.dueOn')}
            rules={[{ required: true, message: t('petitions.form.pickDate') }]}
          >
            <DatePicker
              format="YYYY-MM-DD"
              // The hub refuses a due date before today (Shanghai): it would be overdue at once.
              disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') < shanghaiDate(Date.now())}
            />
          </Form.Item>
          {textArea('reason', t('petitions.form.reason'), 2)}
        </>
      )}
      {type === 'supervised' && textArea('text', t('petitions.form.text'))}
      {type === 'noted' && textArea('text', t('petitions.form.note'))}
      {type === 'replied' && (
        <>
          {textArea('answer', t('petitions.form.answer'), 4)}
          <Form.Item name="method" label={t('petitions.form.method')}>
            <Radio.Group
              options={REPLY_METHODS.map((m) => ({ value: m, label: t(`petitions.replyMethod.${m}`) }))}
            />
          </Form.Item>
        </>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('petitions.form.confirm', { action: t(`petitions.action.${type}`) })}
        </Button>
        <Button onClick={onCancel}>{t('app.cancel')}</Button>
      </Space>
    </Form>
  )
}
