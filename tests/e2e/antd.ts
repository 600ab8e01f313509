import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

interface ChooseOptions {
  /** Typed into the field first, for a Select that filters as you type. */
  readonly search?: string
  /** Only an option whose whole text is `option` (曹成, not 曹成新). */
  readonly exact?: boolean
  readonly timeout?: number
}

/**
 * Picks `option` in an antd Select (the combobox named `field`, or the combobox locator given) and checks
 * that the field shows it. A click can land while the dropdown is still opening and miss, so the pick is
 * tried again until the field shows the option. The dropdown opens in a portal, so the Select itself holds
 * only what is chosen.
 */
export async function chooseOption(
  page: Page,
  field: string | Locator,
  option: string,
  { search, exact = false, timeout = 30_000 }: ChooseOptions = {},
): Promise<void> {
  const box = typeof field === 'string' ? page.getByRole('combobox', { name: field }) : field
  // The nearest Select around the combobox (a `has:` filter would not work for a combobox found in a dialog).
  const select = box.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]')
  const text = exact ? new RegExp(`^${escapeRegExp(option)}$`) : option
  await expect(async () => {
    await box.click()
    if (search !== undefined) await box.fill(search)
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: text })
      .first()
      .click({ timeout: 5_000 })
    await expect(select).toContainText(option, { timeout: 2_000 })
  }).toPass({ timeout })
}

/**
 * Clicks `trigger`, confirms in the antd Popconfirm it opens (its button named `confirm`), and waits for
 * `done` to hold. A click can land while the popup is still opening or the table behind it re-renders, and
 * miss; the steps not yet taken are tried again until `done` holds. An action that took effect is never
 * asked for twice: a retry checks `done` first.
 */
export async function confirmAction(
  page: Page,
  trigger: Locator,
  confirm: string,
  done: () => Promise<void>,
  { timeout = 30_000 }: { readonly timeout?: number } = {},
): Promise<void> {
  const ok = page.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: confirm })
  let attempts = 0
  await expect(async () => {
    // Before trying again: the last attempt's confirmation may have landed after its check gave up.
    if (
      attempts++ > 0 &&
      (await done().then(
        () => true,
        () => false,
      ))
    )
      return
    if (!(await ok.isVisible())) await trigger.click({ timeout: 5_000 })
    await ok.click({ timeout: 5_000 })
    await done()
  }).toPass({ timeout })
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
