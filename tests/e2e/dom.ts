/**
 * The little of the DOM that tests read inside the page (`page.evaluate`). The Node project these tests
 * compile in has no DOM library, and adding it would let browser globals slip into the backend unnoticed,
 * so page-side code starts with `const w = globalThis as unknown as PageWindow` (the cast is erased, and a
 * function given to `page.evaluate` cannot call helpers from this file: only its own source reaches the
 * page). Only types: nothing here exists at run time.
 */
export interface PageElement {
  readonly tagName: string
  readonly className: string | { baseVal: string }
  readonly innerText: string
  readonly textContent: string | null
  readonly parentElement: PageElement | null
  readonly scrollWidth: number
  readonly clientWidth: number
  readonly scrollHeight: number
  readonly clientHeight: number
  closest(selector: string): PageElement | null
  getClientRects(): { readonly length: number }
  getBoundingClientRect(): {
    readonly left: number
    readonly right: number
    readonly top: number
    readonly bottom: number
  }
  dispatchEvent(event: PageEvent): boolean
  setAttribute(name: string, value: string): void
  getAttribute(name: string): string | null
  scrollTo(x: number, y: number): void
}

export interface PageEvent {
  readonly defaultPrevented: boolean
}

interface EventInit {
  readonly bubbles?: boolean
  readonly cancelable?: boolean
  readonly ctrlKey?: boolean
  readonly key?: string
  readonly deltaY?: number
}

export interface PageWindow {
  readonly document: {
    readonly documentElement: PageElement
    readonly body: PageElement
    readonly fonts: { readonly ready: Promise<unknown> }
    querySelector(selector: string): PageElement | null
    querySelectorAll(selector: string): ArrayLike<PageElement>
  }
  readonly location: { readonly origin: string }
  readonly performance: { now(): number }
  readonly MutationObserver: new (callback: () => void) => {
    observe(
      target: unknown,
      options: { childList?: boolean; subtree?: boolean; characterData?: boolean },
    ): void
  }
  readonly innerWidth: number
  readonly innerHeight: number
  readonly speechSynthesis: { getVoices(): readonly { readonly lang: string }[] }
  getComputedStyle(el: PageElement): {
    readonly overflowX: string
    readonly overflowY: string
    readonly userSelect: string
    readonly touchAction: string
    readonly fontSize: string
    readonly visibility: string
  }
  addEventListener(type: string, listener: (e: PageEvent) => void, options?: { once?: boolean }): void
  readonly MessageChannel: new () => {
    readonly port1: { onmessage: (() => void) | null }
    readonly port2: { postMessage(message: unknown): void }
  }
  readonly Event: new (type: string, init?: EventInit) => PageEvent
  readonly MouseEvent: new (type: string, init?: EventInit) => PageEvent
  readonly WheelEvent: new (type: string, init?: EventInit) => PageEvent
  readonly KeyboardEvent: new (type: string, init?: EventInit) => PageEvent
}
