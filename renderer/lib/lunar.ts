// The lunar calendar library, split into its own chunk (see useLunarDate in calendar.ts).
export { Solar } from 'lunar-typescript'
