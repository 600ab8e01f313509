import type { Kysely } from 'kysely'

/**
 * A random token per version, written where the version is taken (county/sync/versions.ts). A restore
 * from an older backup takes the tokens of the versions it lost with it, and the numbers given out again
 * get new tokens: a station whose saved cursor names a version the hub holds no more, or holds under
 * another token, knows the hub was restored even once the hub's counter has passed its cursor again
 * (contract/sync.ts PullPage). Versions taken before this migration have none; their stations fall back
 * on `highest` until their cursor passes one taken after it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('version_token')
    .addColumn('version', 'bigint', (c) => c.primaryKey())
    .addColumn('token', 'text', (c) => c.notNull())
    .execute()
}
