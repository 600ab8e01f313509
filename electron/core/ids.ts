import { v7 } from 'uuid'

/** Record ids are UUIDv7 made on the station: time-ordered, so inserts append to indexes. */
export const newId = (): string => v7()
