import cookie from '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  AuditQuery,
  CONSOLE_API,
  CONSOLE_CSRF_HEADER,
  CONSOLE_SESSION_COOKIE,
  CONSOLE_SESSION_IDLE_MS,
  CountyActionBody,
  type CountyUser,
  FiguresQuery,
  LoginBody,
  NewUserBody,
  PasswordChangeBody,
  PasswordResetBody,
  PetitionQueueQuery,
  RepresentativeInput,
  RepresentativeUpdate,
  RosterQuery,
  StationInput,
  VillageRename,
  VillagesBody,
} from '../contract/county-console'
import {
  changeOwnPassword,
  createCountyUser,
  disableUser,
  enableUser,
  listUsers,
  resetPassword,
  sessionUser,
  signIn,
  signOut,
} from './accounts/service'
import { hubAudit } from './audit'
import { auditLog } from './audit/service'
import type { HubExecutor } from './db/schema'
import { ConsoleFailure } from './errors'
import { countyFigures, representativeFigures } from './figures/service'
import { actAsCounty, countyPetition, countyQueue } from './petitions/service'
import { addVillages, deleteVillage, listPlaces, renameVillage } from './places/service'
import {
  addRepresentative,
  deleteRepresentative,
  importRoster,
  listRepresentatives,
  updateRepresentative,
} from './roster/service'
import type { Sealer } from './sealing'
import { addStation, newEnrolmentCode, rejectedMutations, revoke, stationHealth } from './stations/service'

export interface ConsoleApiOptions {
  readonly db: HubExecutor
  readonly sealer: Sealer
  readonly now: () => number
  /** Send the session cookie only over HTTPS (production behind TLS); off for loopback tests and demos. */
  readonly secureCookie: boolean
}

declare module 'fastify' {
  interface FastifyRequest {
    countyUser?: CountyUser
  }
}

/** An .xlsx roster of a county's few thousand representatives stays far below this. */
const IMPORT_LIMIT_BYTES = 10 * 1024 * 1024

const IdParam = z.strictObject({ id: z.string().min(1).max(64) })
const UsernameParam = z.strictObject({ username: z.string().min(1).max(40) })

/**
 * The county console's API (contract/county-console.ts), registered under CONSOLE_API. Thin routes: each
 * checks its input against the contract's schema and calls its feature's service. Sessions are rows in
 * PostgreSQL, so any hub process serves any signed-in user.
 */
export async function consoleApi(app: FastifyInstance, opts: ConsoleApiOptions): Promise<void> {
  const { db, sealer, now } = opts
  await app.register(cookie)

  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  )

  app.setErrorHandler((error, req, reply) => {
    if (error instanceof ConsoleFailure) return reply.status(error.status).send(error.body())
    if (error instanceof z.ZodError) {
      const fields: Record<string, string> = {}
      for (const issue of error.issues) fields[issue.path.join('.') || 'form'] ??= issue.message
      return reply.status(400).send({ code: 'VALIDATION', message: '请按提示修改后再提交', fields })
    }
    const code = (error as { code?: string }).code
    if (code === 'RATE_LIMITED') return reply.status(429).send({ code, message: '操作太频繁，请稍后再试' })
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.status(413).send({ code: 'BAD_REQUEST', message: '文件太大，请不要超过 10 MB' })
    if ((error as { statusCode?: number }).statusCode === 400 || code?.startsWith('FST_ERR_CTP'))
      return reply.status(400).send({ code: 'BAD_REQUEST', message: '请求格式不正确' })
    // A deadlock or serialisation failure rolled the whole transaction back: the same request may simply
    // be sent again, which a 500 would not tell the user.
    if (code === '40P01' || code === '40001')
      return reply
        .status(503)
        .send({ code: 'UNAVAILABLE', message: '县级平台正忙，这次操作没有保存，请重试' })
    req.log.error({ err: error }, 'console request failed')
    return reply.status(500).send({ code: 'INTERNAL', message: '县级平台出了问题，请稍后再试' })
  })

  const setSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(CONSOLE_SESSION_COOKIE, token, {
      path: '/console',
      httpOnly: true,
      sameSite: 'strict',
      secure: opts.secureCookie,
      maxAge: CONSOLE_SESSION_IDLE_MS / 1000,
    })

  app.addHook('onRequest', async (req, reply) => {
    void reply.header('cache-control', 'no-store')
    // A cross-site form can post to us but cannot add a custom header.
    if (req.method !== 'GET' && req.headers[CONSOLE_CSRF_HEADER] !== '1') {
      throw new ConsoleFailure(403, 'FORBIDDEN', '请求来源不可信')
    }
    if (req.routeOptions.url === `${CONSOLE_API}/session` && req.method === 'POST') return
    const token = req.cookies[CONSOLE_SESSION_COOKIE]
    const use = token ? await sessionUser(db, token, now()) : null
    if (!token || !use) throw new ConsoleFailure(401, 'UNAUTHENTICATED', '请先登录')
    req.countyUser = use.user
    // The session ends 8 h after its last use, so the browser's cookie must too, not 8 h after sign-in.
    if (use.renewed) setSession(reply, token)
  })

  const userOf = (req: FastifyRequest): CountyUser => {
    if (!req.countyUser) throw new ConsoleFailure(401, 'UNAUTHENTICATED', '请先登录')
    return req.countyUser
  }
  const adminOf = (req: FastifyRequest): CountyUser => {
    const user = userOf(req)
    if (user.role !== 'admin') throw new ConsoleFailure(403, 'FORBIDDEN', '只有管理员可以进行这项操作')
    return user
  }

  // Sign-in gets a tighter limit of its own than the hub's: it is where passwords are guessed.
  app.post('/session', { config: { rateLimit: { max: 10, timeWindow: 60_000 } } }, async (req, reply) => {
    const { token, user } = await signIn(db, LoginBody.parse(req.body), now())
    setSession(reply, token)
    return user
  })
  app.get('/session', (req) => userOf(req))
  app.delete('/session', async (req, reply) => {
    const token = req.cookies[CONSOLE_SESSION_COOKIE]
    if (token) await signOut(db, token)
    return reply.clearCookie(CONSOLE_SESSION_COOKIE, { path: '/console' }).status(204).send()
  })

  app.get('/users', async (req) => {
    adminOf(req)
    return listUsers(db)
  })
  app.post('/users', async (req) => createCountyUser(db, NewUserBody.parse(req.body), adminOf(req).username))
  app.post('/users/:username/disable', async (req, reply) => {
    await disableUser(db, UsernameParam.parse(req.params).username, adminOf(req), now())
    return reply.status(204).send()
  })
  app.post('/users/:username/enable', async (req, reply) => {
    await enableUser(db, UsernameParam.parse(req.params).username, adminOf(req))
    return reply.status(204).send()
  })
  app.post('/users/:username/password', async (req, reply) => {
    const admin = adminOf(req)
    const { password } = PasswordResetBody.parse(req.body)
    await resetPassword(db, UsernameParam.parse(req.params).username, password, admin)
    return reply.status(204).send()
  })
  // As tight as sign-in: the current password can be guessed here too.
  app.post(
    '/session/password',
    { config: { rateLimit: { max: 10, timeWindow: 60_000 } } },
    async (req, reply) => {
      const user = userOf(req)
      const token = req.cookies[CONSOLE_SESSION_COOKIE]
      if (!token) throw new ConsoleFailure(401, 'UNAUTHENTICATED', '请先登录')
      await changeOwnPassword(db, user, PasswordChangeBody.parse(req.body), token)
      return reply.status(204).send()
    },
  )

  app.get('/petitions', async (req) => {
    const q = PetitionQueueQuery.parse(req.query)
    return countyQueue(db, q, now())
  })
  app.get('/petitions/:id', async (req) => {
    const { id } = IdParam.parse(req.params)
    const petition = await countyPetition(db, sealer, id)
    // Opening a resident's contact is on the record: who, which petition, which fields, never the values.
    // The detail an action answers with is the page already open, so only here.
    const d = petition.dossier
    const fields = d
      ? [d.contactName === null ? [] : ['name'], d.contactPhone === null ? [] : ['phone']].flat()
      : []
    if (fields.length > 0)
      await hubAudit(db, {
        stationId: null,
        action: 'petition.dossierViewed',
        outcome: 'ok',
        detail: { petitionId: id, by: userOf(req).username, fields },
      })
    return petition
  })
  app.post('/petitions/:id/actions', async (req) => {
    const { id } = IdParam.parse(req.params)
    const { revision, ...action } = CountyActionBody.parse(req.body)
    await actAsCounty(db, id, action, { id: userOf(req).username }, now(), revision)
    return countyPetition(db, sealer, id)
  })

  app.get('/representatives', async (req) => listRepresentatives(db, RosterQuery.parse(req.query).q))
  app.post('/representatives', async (req) =>
    addRepresentative(db, RepresentativeInput.parse(req.body), userOf(req).username),
  )
  app.put('/representatives/:id', async (req) =>
    updateRepresentative(
      db,
      IdParam.parse(req.params).id,
      RepresentativeUpdate.parse(req.body),
      userOf(req).username,
    ),
  )
  app.delete('/representatives/:id', async (req, reply) => {
    await deleteRepresentative(db, IdParam.parse(req.params).id, userOf(req).username)
    return reply.status(204).send()
  })
  app.post('/representatives/import', async (req) => {
    if (!Buffer.isBuffer(req.body)) throw new ConsoleFailure(400, 'BAD_REQUEST', '请上传 Excel 文件')
    return importRoster(db, req.body, userOf(req).username)
  })

  app.get('/places', async (req) => {
    userOf(req)
    return listPlaces(db)
  })
  app.post('/villages', async (req) => addVillages(db, VillagesBody.parse(req.body), userOf(req).username))
  app.put('/villages/:id', async (req) =>
    renameVillage(db, IdParam.parse(req.params).id, VillageRename.parse(req.body), userOf(req).username),
  )
  app.delete('/villages/:id', async (req, reply) => {
    await deleteVillage(db, IdParam.parse(req.params).id, userOf(req).username)
    return reply.status(204).send()
  })

  app.get('/stations', async (req) => {
    userOf(req)
    return stationHealth(db)
  })
  app.post('/stations', async (req) => {
    const { username } = adminOf(req)
    return addStation(db, StationInput.parse(req.body), now(), username)
  })
  app.post('/stations/:id/code', async (req) => {
    const { username } = adminOf(req)
    return newEnrolmentCode(db, IdParam.parse(req.params).id, now(), username)
  })
  app.post('/stations/:id/revoke', async (req, reply) => {
    const { username } = adminOf(req)
    await revoke(db, IdParam.parse(req.params).id, now(), username)
    return reply.status(204).send()
  })
  app.get('/stations/:id/rejected', async (req) => rejectedMutations(db, IdParam.parse(req.params).id))

  app.get('/audit', async (req) => {
    adminOf(req)
    return auditLog(db, AuditQuery.parse(req.query))
  })

  app.get('/figures', async (req) => countyFigures(db, FiguresQuery.parse(req.query)))
  app.get('/figures/representatives', async (req) => representativeFigures(db, FiguresQuery.parse(req.query)))
}
