import { Alert, App, Form, InputNumber, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import type { AssessmentSettings } from '../../../contract/views'
import { type AssessmentWeights, MAX_WEIGHT, WEIGHT_KEYS } from '../../../domain/board'
import type { StarThresholds } from '../../../domain/yearly-assessment'
import { errorText } from '../../api'
import { useFormSubmit } from '../useFormSubmit'
import { useSession } from '../session'
import { STAR_LEVELS } from './format'

/** contract/schemas.ts AssessmentSettingsInput: thresholds from 0 to 100 000 points. */
const MAX_THRESHOLD = 100_000

interface Values {
  weights: AssessmentWeights
  starThresholds: StarThresholds
}

/**
 * 修改考核办法 (admins): the points of each figure and the five yearly star thresholds, rising. Saving
 * numbers a new version; published boards keep the method they were published with.
 */
export function SettingsForm(props: {
  settings: AssessmentSettings
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const { call } = useSession()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const { busy, error, run } = useFormSubmit(form)

  const save = async () => {
    let values: Values
    try {
      values = await form.validateFields()
    } catch {
      return // the form shows what is missing or not rising
    }
    await run(async () => {
      const saved = await call('board.setSettings', {
        // The version this form was opened on: a save from another desk since is not overwritten.
        methodVersion: props.settings.method.version,
        weights: values.weights,
        starThresholds: [...values.starThresholds],
      })
      void message.success(t('staff.board.method.saved', { version: saved.method.version }))
      props.onSaved()
    })
  }

  const required = { required: true, message: t('staff.board.method.required') }
  // The range is a rule, not the inputs' min and max: those clamp a typed 150 to 100 on blur (which 保存
  // causes), and the form would save a number nobody typed without a word.
  const inRange = (max: number, key: 'weightRange' | 'thresholdRange') => ({
    type: 'number' as const,
    min: 0,
    max,
    message: t(`staff.board.method.${key}`, { max }),
  })
  return (
    <Modal
      open
      width={720}
      title={t('staff.board.method.editTitle')}
      okText={t('staff.board.method.save')}
      cancelText={t('staff.board.method.cancel')}
      okButtonProps={{ size: 'large', loading: busy }}
      cancelButtonProps={{ size: 'large' }}
      // Seven weights and five thresholds typed at a touch desk: only 取消 or the close button discard
      // them, not a brush of the dark area beside the dialog or Esc.
      maskClosable={false}
      keyboard={false}
      onOk={() => void save()}
      onCancel={props.onClose}
    >
      <Alert type="info" showIcon title={t('staff.board.method.keepNote')} />
      {error && <Alert type="error" showIcon title={errorText(error)} />}
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        // Every number is needed: no asterisk on each label, the form says what is missing.
        requiredMark={false}
        className="assessment-settings"
        initialValues={{
          weights: props.settings.method.weights,
          starThresholds: props.settings.starThresholds,
        }}
      >
        <h2 className="staff-subheading">{t('staff.board.method.weightsTitle')}</h2>
        <div className="assessment-settings__grid">
          {WEIGHT_KEYS.map((k) => (
            <Form.Item
              key={k}
              name={['weights', k]}
              label={t(`staff.board.method.weight.${k}`)}
              rules={[required, inRange(MAX_WEIGHT, 'weightRange')]}
            >
              <InputNumber controls={false} />
            </Form.Item>
          ))}
        </div>
        <h2 className="staff-subheading">{t('staff.board.method.thresholdsTitle')}</h2>
        <div className="assessment-settings__grid">
          {STAR_LEVELS.map((n, i) => (
            <Form.Item
              key={n}
              name={['starThresholds', i]}
              label={t(`staff.board.stars.${n}`)}
              dependencies={i > 0 ? [['starThresholds', i - 1]] : []}
              rules={[
                required,
                inRange(MAX_THRESHOLD, 'thresholdRange'),
                ({ getFieldValue }) => ({
                  validator: (_rule, value: unknown) => {
                    const before: unknown = i > 0 ? getFieldValue(['starThresholds', i - 1]) : null
                    return typeof value !== 'number' || typeof before !== 'number' || value > before
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('staff.board.method.rising')))
                  },
                }),
              ]}
            >
              <InputNumber controls={false} />
            </Form.Item>
          ))}
        </div>
      </Form>
    </Modal>
  )
}
