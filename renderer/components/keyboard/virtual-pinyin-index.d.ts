/** The word index asset's URL, provided by vite.pinyin-index.config.ts. */
declare module 'virtual:pinyin-index' {
  const url: string
  export default url
}
