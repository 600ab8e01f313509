import type { TFunction } from 'i18next'
import { Alert, Button, DatePicker, Form, Input, Modal, Radio, Select } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { shanghaiDate } from '../../../domain/dates'
import { parseTrackingCode } from '../../../domain/tracking-code'
import type { PetitionEventType } from '../../../domain/petition/events'
import { REPLY_METHODS } from '../../../domain/petition/types'
import type { PetitionActionInput } from '../../../contract/schemas'
import type { PetitionDetail } from '../../../contract/views'
import { useSession } from '../session'
import { useFormSubmit } from '../useFormSubmit'
import type { References } from './references'

/** The actions staff take through a form; submitting and rating come from residents. */
export type StaffAction = Exclude<PetitionEventType, 'submitted' | 'rated'>
type Action = PetitionActionInput['action']

/** What the form fields hold; each action reads the ones it shows. */
interface Fields {
  categoryId?: string
  level?: 'station' | 'township'
  representativeIds?: string[]
  department?: string
  text?: string
  dueOn?: Dayjs
  reason?: string
  answer?: string
  method?: (typeof REPLY_METHODS)[number]
  summary?: string
  to?: 'township' | 'county'
  duplicateCode?: string
}

const TEXT_MAX = { text: 2000, reason: 500, answer: 2000, summary: 500, department: 100 } as const

/** The form field beside which a refusal of `action.<field>` is shown: staff type a code, the API wants an id. */
const formFieldOf = (apiField: string) =>
  apiField === 'action.duplicateOf' ? 'duplicateCode' : apiField.replace(/^action\./, '')

/** One allowed action as a form in a dialog; the backend's transition table has the last word. */
export function ActionDialog({
  type,
  detail,
  references,
  onCancel,
  onDone,
  onStale,
}: {
  type: StaffAction
  detail: PetitionDetail
  references: References | null
  onCancel: () => void
  onDone: (next: PetitionDetail) => void
  /** The petition changed since this screen loaded it (another clerk, the county): the detail reloads. */
  onStale: () => void
}) {
  const { t } = useTranslation()
  const { call } = useSession()
  const [form] = Form.useForm<Fields>()
  const { busy, error, run } = useFormSubmit(form, formFieldOf)
  const { state } = detail
  const required = [{ required: true, whitespace: true, message: t('staff.form.required') }]

  const toAction = async (f: Fields): Promise<Action | null> => {
    const s = (v: string | undefined) => (v ?? '').trim()
    switch (type) {
      case 'triaged':
        return { type, categoryId: s(f.categoryId), level: f.level ?? 'station' }
      case 'assigned':
        return { type, representativeIds: f.representativeIds ?? [], department: s(f.department) || null }
      case 'noted':
      case 'supervised':
        return { type, text: s(f.text) }
      case 'deadlineSet':
      case 'deadlineExtended':
        return { type, dueOn: f.dueOn?.format('YYYY-MM-DD') ?? '', reason: s(f.reason) }
      case 'resolvedOnSpot':
        return { type, answer: s(f.answer) }
      case 'escalated':
        return { type, to: f.to ?? 'county', reason: s(f.reason) }
      case 'transferred':
        return { type, department: s(f.department) }
      case 'replied':
        return { type, answer: s(f.answer), method: f.method ?? 'inPerson' }
      case 'closed':
        return { type, summary: s(f.summary) }
      case 'reopened':
        return { type, reason: s(f.reason) }
      case 'linkedDuplicate': {
        // Staff type the other receipt's code; the API wants its id.
        const parsed = parseTrackingCode(s(f.duplicateCode))
        const code = parsed.ok ? parsed.code : s(f.duplicateCode).toUpperCase()
        const page = await call('petitions.queue', { status: 'all', search: code, limit: 5 })
        const other = page.rows.find((r) => r.code === code)
        if (!other) {
          form.setFields([{ name: 'duplicateCode', errors: [t('staff.form.duplicateNotFound')] }])
          return null
        }
        return { type, duplicateOf: other.id }
      }
    }
  }

  const submit = async (fields: Fields) => {
    const refused = await run(async () => {
      const action = await toAction(fields)
      if (action)
        onDone(await call('petitions.act', { id: state.id, expectedVersion: detail.version, action }))
    })
    // The form was filled from a state that is gone: retrying it would be refused again or undo the other
    // clerk's work, so the dialog closes and the detail shows what the petition is now.
    if (refused?.code === 'CONFLICT' || refused?.code === 'TRANSITION_REFUSED') onStale()
  }

  const textArea = (name: keyof typeof TEXT_MAX, label: string) => (
    <Form.Item name={name} label={label} rules={required}>
      <Input.TextArea rows={3} maxLength={TEXT_MAX[name]} showCount />
    </Form.Item>
  )

  return (
    <Modal
      open
      title={t(`staff.action.${type}`)}
      closable={false}
      maskClosable={false}
      destroyOnHidden
      width={720}
      footer={[
        <Button key="cancel" size="large" onClick={onCancel}>
          {t('staff.form.cancel')}
        </Button>,
        <Button key="save" size="large" type="primary" loading={busy} onClick={() => form.submit()}>
          {t('staff.form.save')}
        </Button>,
      ]}
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        size="large"
        onFinish={(f) => void submit(f)}
        initialValues={{
          categoryId: state.categoryId,
          level: state.level === 'township' ? 'township' : 'station',
          // Older assignments may name someone twice, or someone since retired; the station refuses both
          // now, so offer each serving representative once (the directory lists only those serving).
          representativeIds: [...new Set(state.representativeIds)].filter(
            (id) => !references || references.representatives.some((r) => r.id === id),
          ),
          department: state.department ?? '',
          method: 'inPerson',
          to: state.level === 'station' ? 'township' : 'county',
        }}
      >
        {type === 'triaged' && (
          <>
            <Form.Item name="categoryId" label={t('staff.form.category')} rules={[{ required: true }]}>
              <Select options={references?.categories.map((c) => ({ value: c.id, label: c.name })) ?? []} />
            </Form.Item>
            <Form.Item name="level" label={t('staff.form.level')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={levelOptions(t, ['station', 'township'])}
              />
            </Form.Item>
          </>
        )}
        {type === 'assigned' && (
          <>
            <Form.Item name="representativeIds" label={t('staff.form.representatives')}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={references?.representatives.map((r) => ({ value: r.id, label: r.name })) ?? []}
              />
            </Form.Item>
            <Form.Item name="department" label={t('staff.form.departmentOptional')}>
              <Input maxLength={TEXT_MAX.department} />
            </Form.Item>
          </>
        )}
        {(type === 'noted' || type === 'supervised') && textArea('text', t('staff.form.text'))}
        {(type === 'deadlineSet' || type === 'deadlineExtended') && (
          <>
            <Form.Item
              name="dueOn"
              label={t('staff.form.dueOn')}
              rules={[{ required: true, message: t('staff.form.pickDate') }]}
            >
              <DatePicker
                inputReadOnly
                // Not before today, and an extension ends after the due date it extends (the transition
                // rules refuse others).
                disabledDate={(d: Dayjs) => {
                  const day = d.format('YYYY-MM-DD')
                  return day < shanghaiDate(Date.now()) || (type === 'deadlineExtended' && day <= state.dueOn)
                }}
              />
            </Form.Item>
            {textArea('reason', t('staff.form.reason'))}
          </>
        )}
        {type === 'resolvedOnSpot' && textArea('answer', t('staff.form.answer'))}
        {type === 'escalated' && (
          <>
            <Form.Item name="to" label={t('staff.form.to')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={levelOptions(t, state.level === 'station' ? ['township', 'county'] : ['county'])}
              />
            </Form.Item>
            {textArea('reason', t('staff.form.reason'))}
          </>
        )}
        {type === 'transferred' && (
          <Form.Item name="department" label={t('staff.form.department')} rules={required}>
            <Input maxLength={TEXT_MAX.department} />
          </Form.Item>
        )}
        {type === 'replied' && (
          <>
            {textArea('answer', t('staff.form.answer'))}
            <Form.Item name="method" label={t('staff.form.method')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={REPLY_METHODS.map((m) => ({ value: m, label: t(`staff.replyMethod.${m}`) }))}
              />
            </Form.Item>
          </>
        )}
        {type === 'closed' && textArea('summary', t('staff.form.summary'))}
        {type === 'reopened' && textArea('reason', t('staff.form.reason'))}
        {type === 'linkedDuplicate' && (
          <Form.Item name="duplicateCode" label={t('staff.form.duplicateCode')} rules={required}>
            <Input maxLength={20} />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error.message} />}
    </Modal>
  )
}

function levelOptions<L extends 'station' | 'township' | 'county'>(t: TFunction, levels: readonly L[]) {
  return levels.map((l) => ({ value: l, label: t(`staff.level.${l}`) }))
}
