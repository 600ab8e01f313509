import enBoard from './en/board.json'
import enCalendar from './en/calendar.json'
import enCheckin from './en/checkin.json'
import enIdle from './en/idle.json'
import enKeyboard from './en/keyboard.json'
import enPetition from './en/petition.json'
import enProgress from './en/progress.json'
import enReceipt from './en/receipt.json'
import enReception from './en/reception.json'
import enReports from './en/reports.json'
import enRepresentatives from './en/representatives.json'
import enStaff from './en/staff.json'
import enBase from './en.json'
import zhBoard from './zh-CN/board.json'
import zhCalendar from './zh-CN/calendar.json'
import zhCheckin from './zh-CN/checkin.json'
import zhIdle from './zh-CN/idle.json'
import zhKeyboard from './zh-CN/keyboard.json'
import zhPetition from './zh-CN/petition.json'
import zhProgress from './zh-CN/progress.json'
import zhReceipt from './zh-CN/receipt.json'
import zhReception from './zh-CN/reception.json'
import zhReports from './zh-CN/reports.json'
import zhRepresentatives from './zh-CN/representatives.json'
import zhStaff from './zh-CN/staff.json'
import zhBase from './zh-CN.json'

/**
 * The translation resources, one file per screen family so each feature's words sit beside each other
 * (`kiosk.petition.*` lives in zh-CN/petition.json). The shared words (app, set-up, home, bottom bar) stay
 * in zh-CN.json.
 */
export const zhCN = {
  ...zhBase,
  staff: zhStaff,
  reception: zhReception,
  reports: zhReports,
  kiosk: {
    ...zhBase.kiosk,
    keyboard: zhKeyboard,
    petition: zhPetition,
    representatives: zhRepresentatives,
    calendar: zhCalendar,
    checkin: zhCheckin,
    progress: zhProgress,
    board: zhBoard,
    idle: zhIdle,
    receipt: zhReceipt,
  },
}

const { errors: enErrors, ...enShared } = enBase

export { enErrors }

export const enTranslation = {
  ...enShared,
  staff: enStaff,
  reception: enReception,
  reports: enReports,
  kiosk: {
    ...enShared.kiosk,
    keyboard: enKeyboard,
    petition: enPetition,
    representatives: enRepresentatives,
    calendar: enCalendar,
    checkin: enCheckin,
    progress: enProgress,
    board: enBoard,
    idle: enIdle,
    receipt: enReceipt,
  },
}
