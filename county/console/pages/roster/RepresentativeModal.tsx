import { Form, Input, Select, Switch } from 'antd'
import {
  type CountyRepresentative,
  RepresentativeInput,
  RepresentativeUpdate,
  type StationHealth,
} from '../../../../contract/county-console'
import { REPRESENTATIVE_LEVEL_NAME_ZH } from '../../../../domain/names-zh'
import { REPRESENTATIVE_LEVELS, type RepresentativeLevel } from '../../../../domain/petition/types'
import { ConsoleApiError, api } from '../../api'
import { useT } from '../../i18n'
import { useSubmission } from '../../lib/forms'
import { FormModal } from '../../lib/FormModal'
import { TownshipInput } from '../../lib/TownshipInput'

interface Fields {
  name?: string
  level?: RepresentativeLevel
  sector?: string
  specialties?: string[]
  township?: string
  stationId?: string | null
  active?: boolean
}

const FIELDS = ['name', 'level', 'sector', 'specialties', 'township', 'stationId', 'active'] as const

function bodyOf(f: Fields): Record<string, unknown> {
  const township = (f.township ?? '').trim()
  return {
    name: f.name ?? '',
    level: f.level,
    sector: f.sector ?? '',
    specialties: (f.specialties ?? []).map((s) => s.trim()),
    township: township === '' ? null : township,
    stationId: f.stationId ?? null,
    active: f.active ?? true,
  }
}

/** 新增代表 / 编辑代表: one representative as the roster keeps it (no personal phone, ever). */
export function RepresentativeModal({
  editing,
  stations,
  townships,
  onClose,
  onSaved,
  onStale,
}: {
  /** The representative to change, or null for a new one. */
  editing: CountyRepresentative | null
  stations: readonly StationHealth[]
  /** The townships the county knows (乡镇村庄), offered as the name is typed. */
  townships: readonly string[]
  onClose: () => void
  onSaved: (saved: CountyRepresentative) => void
  /** The hub refused the edit: someone changed the representative after the list was read. */
  onStale: () => void
}) {
  const t = useT()
  const [form] = Form.useForm<Fields>()
  const { busy, error, submit } = useSubmission(form, FIELDS)
  const initial: Fields = editing
    ? {
        name: editing.name,
        level: editing.level,
        sector: editing.sector,
        specialties: [...editing.specialties],
        township: editing.township ?? '',
        stationId: editing.stationId,
        active: editing.active,
      }
    : { sector: '', specialties: [], township: '', stationId: null, active: true }

  const onOk = async () => {
    const values = form.getFieldsValue(true) as Fields
    // An edit carries the version it was read at: the whole form is saved, so an older read would
    // undo a colleague's change (the hub refuses it with STALE, whose message the form shows).
    const saved = editing
      ? await submit(RepresentativeUpdate, { ...bodyOf(values), version: editing.version }, async (body) => {
          try {
            return await api.putRepresentative(editing.id, body)
          } catch (e) {
            if (e instanceof ConsoleApiError && e.code === 'STALE') onStale()
            throw e
          }
        })
      : await submit(RepresentativeInput, bodyOf(values), (body) => api.addRepresentative(body))
    if (saved) onSaved(saved)
  }

  return (
    <FormModal
      title={editing ? t('roster.editTitle', { name: editing.name }) : t('roster.addTitle')}
      width={560}
      form={form}
      initialValues={initial}
      submission={{ busy, error }}
      onOk={onOk}
      onClose={onClose}
    >
      <Form.Item name="name" label={t('roster.form.name')}>
        <Input />
      </Form.Item>
      <Form.Item name="level" label={t('roster.form.level')}>
        <Select
          options={REPRESENTATIVE_LEVELS.map((l) => ({ value: l, label: REPRESENTATIVE_LEVEL_NAME_ZH[l] }))}
        />
      </Form.Item>
      <Form.Item name="sector" label={t('roster.form.sector')}>
        <Input />
      </Form.Item>
      <Form.Item
        name="specialties"
        label={t('roster.form.specialties')}
        extra={t('roster.form.specialtiesHint')}
      >
        <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
      </Form.Item>
      <Form.Item name="township" label={t('roster.form.township')} extra={t('roster.form.townshipHint')}>
        <TownshipInput townships={townships} />
      </Form.Item>
      <Form.Item name="stationId" label={t('roster.form.station')} extra={t('roster.form.stationHint')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={stations.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item name="active" label={t('roster.form.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  )
}
