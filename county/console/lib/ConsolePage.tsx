import { Alert, Button, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useT } from '../i18n'

/** A console page: a section headed by its title, the page's controls beside the title, then its content. */
export function ConsolePage(props: {
  readonly id: string
  readonly title: string
  readonly actions?: ReactNode
  readonly children: ReactNode
}) {
  const titleId = `${props.id}-title`
  return (
    <section aria-labelledby={titleId}>
      <div className="console-page-head">
        <Typography.Title level={1} id={titleId}>
          {props.title}
        </Typography.Title>
        {props.actions}
      </div>
      {props.children}
    </section>
  )
}

/** A load that failed, with its message and a retry. */
export function LoadError(props: { readonly message: string; readonly onRetry: () => void }) {
  const t = useT()
  return (
    <Alert
      type="error"
      showIcon
      title={props.message}
      action={<Button onClick={props.onRetry}>{t('app.retry')}</Button>}
    />
  )
}
