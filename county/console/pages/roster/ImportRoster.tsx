import { Alert, Button, Upload } from 'antd'
import { useState } from 'react'
import type { RosterImportResult } from '../../../../contract/county-console'
import { api, type ConsoleApiError, toConsoleApiError } from '../../api'
import { type Translate, useT } from '../../i18n'

export type ImportOutcome =
  | { readonly kind: 'done'; readonly result: RosterImportResult }
  | { readonly kind: 'failed'; readonly error: ConsoleApiError }
  | { readonly kind: 'notXlsx' }

/**
 * The refusal's messages in row order. The hub's own words already name their row (第 12 行：…); a key it
 * did not word so (`row 12`) is named here, and a whole-file message equal to the title is not repeated.
 */
function rowErrors(error: ConsoleApiError, t: Translate): { key: string; text: string }[] {
  const row = (key: string) => {
    const m = /^row\s*(\d+)$/i.exec(key)
    return m ? Number(m[1]) : null
  }
  return Object.entries(error.fields ?? {})
    .filter(([, message]) => message !== error.message)
    .sort(([a], [b]) => (row(a) ?? Infinity) - (row(b) ?? Infinity))
    .map(([key, message]) => {
      const n = row(key)
      const label = n === null ? null : t('roster.import.row', { n })
      return { key, text: label === null || message.startsWith(label) ? message : `${label}：${message}` }
    })
}

/** 从 Excel 导入: the workbook goes to the hub as it is; all its rows are taken, or none. */
export function ImportButton({ onOutcome }: { onOutcome: (outcome: ImportOutcome | null) => void }) {
  const t = useT()
  const [busy, setBusy] = useState(false)

  const upload = async (file: File) => {
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      onOutcome({ kind: 'notXlsx' })
      return
    }
    setBusy(true)
    onOutcome(null)
    try {
      onOutcome({ kind: 'done', result: await api.importRoster(await file.arrayBuffer()) })
    } catch (e) {
      onOutcome({ kind: 'failed', error: toConsoleApiError(e) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Upload
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      showUploadList={false}
      beforeUpload={(file) => {
        void upload(file)
        // The file goes out through the API client, not antd's own request.
        return false
      }}
    >
      <Button loading={busy}>{busy ? t('roster.import.busy') : t('roster.import.button')}</Button>
    </Upload>
  )
}

/** What the last import did: the counts, or why nothing was imported, row by row. */
export function ImportOutcomeView({ outcome, onClose }: { outcome: ImportOutcome; onClose: () => void }) {
  const t = useT()
  const rows = outcome.kind === 'failed' ? rowErrors(outcome.error, t) : []
  return (
    <div className="console-import-outcome" data-testid="import-outcome">
      {outcome.kind === 'done' && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose }}
          title={t('roster.import.done', { ...outcome.result })}
        />
      )}
      {outcome.kind === 'notXlsx' && (
        <Alert type="error" showIcon closable={{ onClose }} title={t('roster.import.notXlsx')} />
      )}
      {outcome.kind === 'failed' && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose }}
          title={
            // The hub's refusal of the rows already says nothing was imported.
            outcome.error.code === 'VALIDATION'
              ? outcome.error.message
              : `${t('roster.import.failed')}：${outcome.error.message}`
          }
          description={
            rows.length > 0 ? (
              <>
                <div>{t('roster.import.rowErrors')}</div>
                <ul className="console-row-errors">
                  {rows.map((r) => (
                    <li key={r.key}>{r.text}</li>
                  ))}
                </ul>
              </>
            ) : undefined
          }
        />
      )}
    </div>
  )
}
