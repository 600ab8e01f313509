import type { SafeStorage } from 'electron'
import type { KeyWrapper } from '../core/crypto/key-store'

/**
 * Wraps the personal-data key with the operating system's secret store (DPAPI on Windows, the keyring on
 * Linux), so a copied data folder alone does not open residents' names and phone numbers. The caller
 * must check `isEncryptionAvailable()` first and refuse to start without it.
 *
 * The synchronous API is used because the key store is synchronous and runs once at startup. On Linux
 * without a keyring Electron falls back to `basic_text`, which is obfuscation only: no weaker than serve
 * mode's 0600 file, and the installer guide asks stations to run a keyring.
 */
export function safeStorageWrapper(
  safeStorage: Pick<SafeStorage, 'encryptString' | 'decryptString'>,
): KeyWrapper {
  return {
    kind: 'safeStorage',
    wrap: (key) => safeStorage.encryptString(key.toString('base64')),
    unwrap: (blob) => Buffer.from(safeStorage.decryptString(blob), 'base64'),
  }
}
