import { Alert, Button, Form, Input, Radio, Select } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SubmitPetitionResult } from '../../../contract/views'
import { checkIdNumber, checkPhone } from '../../../domain/validators'
import { ApiError } from '../../api'
import { useApiQuery } from '../../lib/useApiQuery'
import { FormPage } from '../FormPage'
import { useSession } from '../session'
import { useFormSubmit } from '../useFormSubmit'
import type { References } from './references'
import {
  WALK_IN_CHANNELS as CHANNELS,
  type WalkInFields as Fields,
  walkInFieldOf,
  walkInSubmitInput,
} from './walkInInput'

/** What became of a 当场解决 asked for with the filing; `refused` when the petition is not the station's. */
export type OnSpotOutcome = 'notAsked' | 'resolved' | 'refused' | 'failed'

/** The bounds of contract/schemas.ts SubmitPetitionInput. */
const MAX = { text: 2000, name: 40, phone: 20, idNumber: 18 } as const

/**
 * 代录: staff file a petition for a resident at the desk or on the phone. The same submit as the kiosk
 * (one submission id per form, so neither a retry nor an edit after a lost answer files twice); the
 * channel says how it came in, and the timeline shows who took it down.
 */
export function WalkInForm({
  references,
  onCancel,
  onFiled,
  channel,
  onSpot = false,
}: {
  references: References | null
  onCancel: () => void
  /** `alreadyFiled`: the petition an earlier try stored, without the edits since (SUBMISSION_ID_REUSED). */
  onFiled: (result: SubmitPetitionResult, onSpot: OnSpotOutcome, alreadyFiled?: boolean) => void
  /** A fixed channel (the 民意集市 desk); without it staff choose. */
  channel?: (typeof CHANNELS)[number]
  /** Offer 当场解决 with the filing (the 民意集市 desk). */
  onSpot?: boolean
}) {
  const { t } = useTranslation()
  const { call } = useSession()
  const [form] = Form.useForm<Fields>()
  const { busy, error, run } = useFormSubmit(form, walkInFieldOf)
  // One key for the form, kept through edits (a new resident gets a new form). After a try whose outcome
  // is unknown (a timeout, a dropped connection) the petition may be stored already: under the same key the
  // station files an edit only if nothing landed, and otherwise refuses it as SUBMISSION_ID_REUSED with the
  // stored petition, which is then taken as filed. A new key for the edit would file a second petition.
  const [submissionId] = useState(() => crypto.randomUUID())
  const townships = useApiQuery('staff.townships', () => call('catalog.townships', {}))
  const townshipId = Form.useWatch('townshipId', form)
  const categoryId = Form.useWatch('categoryId', form)
  const anonymous = Form.useWatch('anonymous', form) ?? false
  const onSpotNow = Form.useWatch('onSpotNow', form) ?? false
  const category = references?.categories.find((c) => c.id === categoryId)
  const villages = useMemo(
    () =>
      townships.state.status === 'ok'
        ? (townships.state.value.find((tw) => tw.id === townshipId)?.villages ?? [])
        : [],
    [townships.state, townshipId],
  )
  const required = (message: string) => [{ required: true, whitespace: true, message }]

  const submit = (f: Fields) =>
    run(async () => {
      const input = walkInSubmitInput(
        f,
        references?.categories.find((c) => c.id === f.categoryId),
      )
      let result: SubmitPetitionResult
      try {
        result = await call('petitions.submit', { ...input, submissionId })
      } catch (e) {
        // Filed by an earlier try, before the edits: that petition is the one on record. No 当场解决 for
        // it here: the answer was written for the edited content, which was not stored.
        if (e instanceof ApiError && e.code === 'SUBMISSION_ID_REUSED' && e.filed) {
          return onFiled(e.filed, 'notAsked', true)
        }
        throw e
      }
      const answer = (f.onSpotAnswer ?? '').trim() || null
      if (!f.onSpotNow || answer === null) return onFiled(result, 'notAsked')
      try {
        await call('petitions.act', { id: result.id, action: { type: 'resolvedOnSpot', answer } })
        onFiled(result, 'resolved')
      } catch (e) {
        // Filed either way; a petition routed past the station is not the station's to resolve. Any other
        // failure still ends the filing: staying on the form would invite an edit and a second petition.
        onFiled(result, e instanceof ApiError && e.code === 'TRANSITION_REFUSED' ? 'refused' : 'failed')
      }
    })

  return (
    <FormPage
      id="staff-walkin-title"
      title={t('staff.walkIn.title')}
      backLabel={t('staff.walkIn.back')}
      onBack={onCancel}
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        size="large"
        className="staff-consultation-form"
        initialValues={{
          channel: channel ?? 'walkIn',
          anonymous: false,
          onSpotNow: false,
          villageId: null,
          preferredRepresentativeId: null,
        }}
        onFinish={(f) => void submit(f)}
      >
        <Form.Item name="channel" label={t('staff.walkIn.channel')} hidden={channel !== undefined}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={CHANNELS.map((c) => ({ value: c, label: t(`staff.channel.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="categoryId"
          label={t('staff.walkIn.category')}
          rules={required(t('staff.walkIn.required'))}
        >
          <Select
            options={(references?.categories ?? []).map((c) => ({ value: c.id, label: c.name }))}
            loading={references === null}
            // A number typed for the category before is not the new one's to keep.
            onChange={() => form.setFieldValue('idNumber', undefined)}
          />
        </Form.Item>
        <Form.Item name="text" label={t('staff.walkIn.text')} rules={required(t('staff.walkIn.required'))}>
          <Input.TextArea rows={4} maxLength={MAX.text} showCount />
        </Form.Item>
        <Form.Item
          name="townshipId"
          label={t('staff.walkIn.township')}
          rules={required(t('staff.walkIn.required'))}
        >
          <Select
            options={(townships.state.status === 'ok' ? townships.state.value : []).map((tw) => ({
              value: tw.id,
              label: tw.name,
            }))}
            onChange={() => form.setFieldValue('villageId', null)}
          />
        </Form.Item>
        <Form.Item name="villageId" label={t('staff.walkIn.village')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={villages.map((v) => ({ value: v.id, label: v.name }))}
          />
        </Form.Item>
        <Form.Item name="preferredRepresentativeId" label={t('staff.walkIn.representative')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={(references?.representatives ?? []).map((r) => ({ value: r.id, label: r.name }))}
          />
        </Form.Item>
        <Form.Item name="anonymous" label={t('staff.walkIn.contact')}>
          {/* Two big choices rather than a switch: a switch is too small a target for a finger. */}
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: false, label: t('staff.walkIn.withContact') },
              { value: true, label: t('staff.walkIn.anonymous') },
            ]}
          />
        </Form.Item>
        {!anonymous && (
          <>
            <p className="staff-walkin__consent">{t('staff.walkIn.consent')}</p>
            <Form.Item name="name" label={t('staff.walkIn.name')}>
              <Input maxLength={MAX.name} />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('staff.walkIn.phone')}
              rules={[
                {
                  validator: (_, v: string | undefined) =>
                    !v?.trim() || checkPhone(v).ok
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('BAD_PHONE', { ns: 'errors' }))),
                },
              ]}
            >
              <Input inputMode="tel" maxLength={MAX.phone} />
            </Form.Item>
            {/* Only where the category needs it, and optional there, as at the kiosk. */}
            {category?.needsIdNumber && (
              <Form.Item
                name="idNumber"
                label={t('staff.walkIn.idNumber')}
                rules={[
                  {
                    validator: (_, v: string | undefined) =>
                      !v?.trim() || checkIdNumber(v.trim().toUpperCase()).ok
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('BAD_ID_NUMBER', { ns: 'errors' }))),
                  },
                ]}
              >
                <Input maxLength={MAX.idNumber} />
              </Form.Item>
            )}
          </>
        )}
        {onSpot && (
          <>
            <Form.Item name="onSpotNow" label={t('reception.onSpot.label')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: false, label: t('reception.onSpot.later') },
                  { value: true, label: t('reception.onSpot.now') },
                ]}
              />
            </Form.Item>
            {onSpotNow && (
              <Form.Item
                name="onSpotAnswer"
                label={t('reception.onSpot.answer')}
                rules={required(t('reception.onSpot.answerNeeded'))}
              >
                <Input.TextArea rows={2} maxLength={MAX.text} />
              </Form.Item>
            )}
          </>
        )}
        {error && <Alert type="error" showIcon title={error.message} />}
        <div className="staff-detail__action-buttons">
          <Button type="primary" htmlType="submit" size="large" loading={busy}>
            {t('staff.walkIn.submit')}
          </Button>
        </div>
      </Form>
    </FormPage>
  )
}
