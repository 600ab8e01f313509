import { Form, Input } from 'antd'
import {
  type CountyVillage,
  VillageRename,
  type VillagesAdded,
  VillagesBody,
} from '../../../../contract/county-console'
import { villageNamesOf } from '../../../../domain/places'
import { api } from '../../api'
import { useT } from '../../i18n'
import { useSubmission } from '../../lib/forms'
import { FormModal } from '../../lib/FormModal'
import { TownshipInput } from '../../lib/TownshipInput'

interface AddFields {
  township?: string
  names?: string
}

/** 添加村庄: a township and its villages' names, one per line (pasted from a spreadsheet column or a list). */
export function AddVillagesModal({
  township,
  townships,
  onClose,
  onAdded,
}: {
  /** The township the page has open, filled in to start with. */
  township: string | null
  townships: readonly string[]
  onClose: () => void
  onAdded: (added: VillagesAdded, township: string) => void
}) {
  const t = useT()
  const [form] = Form.useForm<AddFields>()
  const { busy, error, submit } = useSubmission(form, ['township', 'names'])

  const onOk = async () => {
    const f = form.getFieldsValue(true) as AddFields
    const body = { township: (f.township ?? '').trim(), names: villageNamesOf(f.names ?? '') }
    const added = await submit(VillagesBody, body, (parsed) => api.addVillages(parsed))
    if (added) onAdded(added, body.township)
  }

  return (
    <FormModal
      title={t('places.addTitle')}
      okText={t('places.addOk')}
      width={520}
      form={form}
      initialValues={{ township: township ?? '', names: '' }}
      submission={{ busy, error }}
      onOk={onOk}
      onClose={onClose}
      submitOnEnter={false}
    >
      <Form.Item name="township" label={t('places.form.township')} extra={t('places.form.townshipHint')}>
        <TownshipInput townships={townships} />
      </Form.Item>
      <Form.Item name="names" label={t('places.form.names')} extra={t('places.form.namesHint')}>
        <Input.TextArea autoSize={{ minRows: 6, maxRows: 14 }} />
      </Form.Item>
    </FormModal>
  )
}

/** 改名: a village's new name; stations follow under their own ids, so their petitions keep pointing at it. */
export function RenameVillageModal({
  village,
  onClose,
  onRenamed,
}: {
  village: CountyVillage
  onClose: () => void
  onRenamed: (renamed: CountyVillage) => void
}) {
  const t = useT()
  const [form] = Form.useForm<{ name?: string }>()
  const { busy, error, submit } = useSubmission(form, ['name'])

  const onOk = async () => {
    const name = ((form.getFieldValue('name') as string | undefined) ?? '').trim()
    const renamed = await submit(VillageRename, { name }, (body) => api.renameVillage(village.id, body))
    if (renamed) onRenamed(renamed)
  }

  return (
    <FormModal
      title={t('places.renameTitle', { township: village.township, name: village.name })}
      form={form}
      initialValues={{ name: village.name }}
      submission={{ busy, error }}
      onOk={onOk}
      onClose={onClose}
    >
      <Form.Item name="name" label={t('places.form.name')}>
        <Input />
      </Form.Item>
    </FormModal>
  )
}
