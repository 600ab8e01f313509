import { v7 } from 'uuid'
import { randomBytes } from '../../domain/random'

/** Record ids are UUIDv7 made on the station: time-ordered, so inserts append to indexes. */
export const newId = (): string => v7({ random: randomBytes(16) })
