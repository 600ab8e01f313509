import fs from 'node:fs'

/** What a filesystem answers when it cannot fsync a folder at all (some network and FUSE mounts). */
const CANNOT_SYNC_FOLDERS = new Set(['EINVAL', 'ENOTSUP', 'EISDIR', 'EPERM'])

/**
 * Makes a file's new name (a create or a rename in `dir`) durable, not only its bytes. Windows cannot open a
 * folder for fsync and NTFS logs the name itself; a filesystem that cannot sync folders has nothing to do
 * either. Any other failure (an I/O error) is thrown: the caller promised durability.
 */
export function syncDir(dir: string): void {
  if (process.platform === 'win32') return
  let fd: number
  try {
    fd = fs.openSync(dir, 'r')
  } catch (e) {
    if (cannotSyncFolders(e)) return
    throw e
  }
  try {
    fs.fsyncSync(fd)
  } catch (e) {
    if (!cannotSyncFolders(e)) throw e
  } finally {
    fs.closeSync(fd)
  }
}

function cannotSyncFolders(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code
  return code !== undefined && CANNOT_SYNC_FOLDERS.has(code)
}
