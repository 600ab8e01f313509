import { Button } from 'antd'
import type { ReactNode } from 'react'

/** A staff form on a page of its own: the way back, the title, the form. */
export function FormPage({
  id,
  title,
  backLabel,
  onBack,
  children,
}: {
  /** The heading's id, which names the section. */
  id: string
  title: string
  backLabel: string
  onBack: () => void
  children: ReactNode
}) {
  return (
    <section className="staff-detail" aria-labelledby={id}>
      <div className="staff-detail__head">
        <Button size="large" onClick={onBack}>
          {backLabel}
        </Button>
        <h1 id={id} className="staff-heading">
          {title}
        </h1>
      </div>
      {children}
    </section>
  )
}
