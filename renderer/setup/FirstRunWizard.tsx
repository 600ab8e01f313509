import { Alert, AutoComplete, Button, Descriptions, Form, Input, Steps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SetupInput } from '../../contract/schemas'
import type { StationProfile } from '../../contract/views'
import { TOWNSHIP_NAME } from '../../domain/places'
import { checkHotline } from '../../domain/validators'
import { api } from '../api'
import { PinTwiceFields } from '../components/PinTwiceFields'
import { PrinterFields } from '../staff/PrinterFields'
import { StaffTheme } from '../staff/theme'
import { useFormSubmit } from '../staff/useFormSubmit'
import './setup.css'

/** What the form holds across the four steps (all mounted at once, so each step's values stay). */
interface Fields {
  stationName?: string
  theme?: string
  townshipName?: string
  address?: string
  hotline?: string
  adminName?: string
  adminPin?: string
  adminPinAgain?: string
  printerName: string
  paperWidthMm: 58 | 80
}

/** The fields each step checks before going on; the backend's field errors lead back to their step. */
const STEPS = [
  { key: 'station', fields: ['stationName', 'theme', 'townshipName', 'address', 'hotline'] },
  { key: 'admin', fields: ['adminName', 'adminPin', 'adminPinAgain'] },
  { key: 'printer', fields: ['printerName', 'paperWidthMm'] },
  { key: 'confirm', fields: [] },
] as const satisfies readonly { key: string; fields: readonly (keyof Fields)[] }[]

/** The bounds of contract/schemas.ts SetupInput, so the form stops where the backend would. */
const MAX = {
  stationName: 60,
  theme: 40,
  townshipName: 30,
  address: 100,
  hotline: 20,
  adminName: 20,
} as const

const optional = (v: string | undefined): string | null => {
  const s = (v ?? '').trim()
  return s === '' ? null : s
}

/**
 * 正式设置: the first-run wizard for a station with real data. Staff set the station, the first admin's
 * PIN and the receipt printer; the roster and villages arrive later from the county. Loaded only when
 * chosen (antd stays out of the resident bundle).
 */
export default function FirstRunWizard({
  countyTownships,
  onBack,
  onReady,
}: {
  countyTownships: readonly string[]
  onBack: () => void
  onReady: (profile: StationProfile) => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Fields>()
  const [step, setStep] = useState(0)
  const { busy, error, run } = useFormSubmit(form)
  const required = (message: string) => [{ required: true, whitespace: true, message }]

  const next = async () => {
    const current = STEPS[step]
    if (!current) return
    try {
      await form.validateFields([...current.fields])
    } catch {
      return // antd shows each problem beside its field
    }
    setStep((s) => s + 1)
  }

  const finish = async () => {
    const f = form.getFieldsValue(true) as Fields
    const input: SetupInput = {
      stationName: (f.stationName ?? '').trim(),
      theme: optional(f.theme),
      townshipName: (f.townshipName ?? '').trim(),
      address: optional(f.address),
      hotline: (f.hotline ?? '').trim(),
      adminName: (f.adminName ?? '').trim(),
      adminPin: f.adminPin ?? '',
      printerName: f.printerName,
      paperWidthMm: f.paperWidthMm,
    }
    const refused = await run(async () => onReady(await api['setup.init'](input)))
    // A field the backend refused leads back to the step that has it.
    const named = Object.keys(refused?.fields ?? {})
    const first = STEPS.findIndex((st) => st.fields.some((n) => named.includes(n)))
    if (first >= 0) setStep(first)
  }

  return (
    <StaffTheme>
      <main className="first-run" aria-labelledby="first-run-title">
        <h1 id="first-run-title" className="first-run__title">
          {t('setup.wizard.title')}
        </h1>
        <Steps
          current={step}
          className="first-run__steps"
          items={STEPS.map((s) => ({ title: t(`setup.wizard.steps.${s.key}`) }))}
        />
        <Form<Fields>
          form={form}
          layout="vertical"
          size="large"
          className="first-run__form"
          initialValues={{ printerName: '', paperWidthMm: 80 }}
        >
          <div hidden={step !== 0}>
            <Form.Item
              name="stationName"
              label={t('setup.wizard.station.name')}
              extra={t('setup.wizard.station.nameHint')}
              rules={required(t('setup.wizard.required'))}
            >
              <Input maxLength={MAX.stationName} />
            </Form.Item>
            <Form.Item
              name="theme"
              label={t('setup.wizard.station.theme')}
              extra={t('setup.wizard.station.themeHint')}
            >
              <Input maxLength={MAX.theme} />
            </Form.Item>
            <Form.Item
              name="townshipName"
              label={t('setup.wizard.station.township')}
              rules={[
                ...required(t('setup.wizard.required')),
                { pattern: TOWNSHIP_NAME, message: t('setup.wizard.station.townshipSuffix') },
              ]}
            >
              <AutoComplete
                options={countyTownships.map((name) => ({ value: name }))}
                filterOption={(typed, option) => (option?.value ?? '').includes(typed.trim())}
                maxLength={MAX.townshipName}
              />
            </Form.Item>
            <Form.Item name="address" label={t('setup.wizard.station.address')}>
              <Input maxLength={MAX.address} />
            </Form.Item>
            <Form.Item
              name="hotline"
              label={t('setup.wizard.station.hotline')}
              extra={t('setup.wizard.station.hotlineHint')}
              rules={[
                {
                  validator: (_, v: string | undefined) =>
                    checkHotline(v ?? '').ok
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('setup.wizard.station.hotlineBad'))),
                },
              ]}
            >
              <Input inputMode="tel" maxLength={MAX.hotline} />
            </Form.Item>
          </div>

          <div hidden={step !== 1}>
            <p className="first-run__explain">{t('setup.wizard.admin.explain')}</p>
            <Form.Item
              name="adminName"
              label={t('setup.wizard.admin.name')}
              rules={required(t('setup.wizard.required'))}
            >
              <Input maxLength={MAX.adminName} />
            </Form.Item>
            <PinTwiceFields
              name="adminPin"
              againName="adminPinAgain"
              label={t('setup.wizard.admin.pin')}
              hint={t('setup.wizard.admin.pinHint')}
            />
          </div>

          <div hidden={step !== 2}>
            <PrinterFields />
          </div>

          {step === 3 && <Summary form={form} />}
        </Form>

        {error && (
          <div className="first-run__error" data-testid="first-run-error">
            <Alert type="error" showIcon title={error.message} />
          </div>
        )}

        <div className="first-run__actions">
          <Button size="large" onClick={step === 0 ? onBack : () => setStep((s) => s - 1)} disabled={busy}>
            {step === 0 ? t('setup.wizard.back') : t('setup.wizard.previous')}
          </Button>
          {step < STEPS.length - 1 ? (
            <Button type="primary" size="large" onClick={() => void next()}>
              {t('setup.wizard.next')}
            </Button>
          ) : (
            <Button type="primary" size="large" loading={busy} onClick={() => void finish()}>
              {t('setup.wizard.finish')}
            </Button>
          )}
        </div>
      </main>
    </StaffTheme>
  )
}

/** Step 4: what will be saved, PIN hidden, and how to reach the console afterwards. */
function Summary({ form }: { form: ReturnType<typeof Form.useForm<Fields>>[0] }) {
  const { t } = useTranslation()
  const f = form.getFieldsValue(true) as Fields
  const none = t('setup.wizard.confirm.none')
  const items = [
    { label: t('setup.wizard.station.name'), value: f.stationName },
    { label: t('setup.wizard.station.theme'), value: f.theme },
    { label: t('setup.wizard.station.township'), value: f.townshipName },
    { label: t('setup.wizard.station.address'), value: f.address },
    { label: t('setup.wizard.station.hotline'), value: f.hotline },
    { label: t('setup.wizard.admin.name'), value: f.adminName },
    { label: t('setup.wizard.admin.pin'), value: t('setup.wizard.confirm.pinSet') },
    {
      label: t('staff.printer.name'),
      value: f.printerName === '' ? t('staff.printer.systemDefault') : f.printerName,
    },
    {
      label: t('staff.printer.paper'),
      value: f.paperWidthMm === 58 ? t('staff.printer.paper58') : t('staff.printer.paper80'),
    },
  ]
  return (
    <section data-testid="first-run-summary" aria-label={t('setup.wizard.steps.confirm')}>
      <Descriptions
        bordered
        column={1}
        items={items.map((i, n) => ({ key: n, label: i.label, children: optional(i.value) ?? none }))}
      />
      <p className="first-run__explain">{t('setup.wizard.confirm.after')}</p>
    </section>
  )
}
