import { Form, Input } from 'antd'
import { type EnrolmentCodeIssued, StationInput } from '../../../../contract/county-console'
import { api } from '../../api'
import { useT } from '../../i18n'
import { useSubmission } from '../../lib/forms'
import { FormModal } from '../../lib/FormModal'

interface Fields {
  id?: string
  name?: string
  township?: string
}

const FIELDS = ['id', 'name', 'township'] as const

/** 新增联络站: registers the station and answers with its first enrolment code. */
export function NewStationModal({
  onClose,
  onAdded,
}: {
  onClose: () => void
  onAdded: (issued: EnrolmentCodeIssued, name: string) => void
}) {
  const t = useT()
  const [form] = Form.useForm<Fields>()
  const { busy, error, submit } = useSubmission(form, FIELDS)

  const onOk = async () => {
    const f = form.getFieldsValue(true) as Fields
    const body = { id: f.id ?? '', name: f.name ?? '', township: f.township ?? '' }
    const issued = await submit(StationInput, body, (b) => api.addStation(b))
    if (issued) onAdded(issued, body.name.trim())
  }

  return (
    <FormModal
      title={t('stations.addTitle')}
      okText={t('stations.form.submit')}
      form={form}
      submission={{ busy, error }}
      onOk={onOk}
      onClose={onClose}
    >
      <Form.Item name="id" label={t('stations.form.id')} extra={t('stations.form.idHint')}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="name" label={t('stations.form.name')}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="township" label={t('stations.form.township')}>
        <Input autoComplete="off" />
      </Form.Item>
    </FormModal>
  )
}
