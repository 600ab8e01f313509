import accounts from './zh-CN/accounts.json'
import app from './zh-CN/app.json'
import audit from './zh-CN/audit.json'
import figures from './zh-CN/figures.json'
import login from './zh-CN/login.json'
import petitions from './zh-CN/petitions.json'
import places from './zh-CN/places.json'
import roster from './zh-CN/roster.json'
import stations from './zh-CN/stations.json'

/**
 * The county console's words, one file per page (`roster.*` lives in zh-CN/roster.json), apart from the
 * kiosk's resources in renderer/i18n: the two apps share no screen, and their bundles share no text.
 */
export const zhCN = { app, login, petitions, roster, places, stations, figures, accounts, audit }
