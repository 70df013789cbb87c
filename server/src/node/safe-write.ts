// Every file the CLI or the language server writes goes through safeWriteFile, so that nothing the user
// owns is ever lost: a crash, a kill or a full disk in the middle of a write leaves the original intact.
//
//   1. Symlinks are written through on purpose: the link is resolved and its target is replaced; the link stays.
//   2. An existing read-only file (no write bit for anyone, or not writable by us) is refused, not replaced.
//   3. The new content goes to a temporary file in the target's own folder (same file system, so the rename
//      is atomic), gets the original's mode (and owner where we may), and is fsynced.
//   4. A file that was read before (`expected`) is checked again just before the rename: if someone changed
//      it since, the write is refused and the temporary file removed.
//   5. rename() replaces the original in one step; the folder is fsynced where the platform allows it.
//   Any failure removes the temporary file and throws a SafeWriteError whose one-line message says the
//   original is unchanged. (write-file-atomic does 1, 3 and 5 but not the folder fsync, the changed-since-read
//   check right before the rename, nor the fault injection the tests need; hence this small module.)
//
// Plain Node I/O: used by the CLI (server/src/cli) and available to the language server; never by the engine.
import { createHash, randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** What a file looked like when it was read: a later write is refused if it no longer looks like this. */
export interface FileSnapshot {
  size: number;
  mtimeMs: number;
  sha256: string;
}

export type SafeWriteFailure = 'changed' | 'read-only' | 'not-a-file' | 'failed';

export class SafeWriteError extends Error {
  override readonly name = 'SafeWriteError';
  /**
   * `message`: one line naming the file, e.g. "cannot write out.json: permission denied; nothing was written".
   * `detail`: the same without the leading "cannot write <file>: " part, for callers that name the file themselves.
   */
  constructor(
    readonly reason: SafeWriteFailure,
    readonly file: string,
    readonly detail: string,
    verb = 'cannot write',
    shown = file,
  ) {
    super(`${verb} ${shown}: ${detail}`);
  }
}

/**
 * Test hook, also settable with the environment variable API_EXPOSURE_LINT_TEST_WRITE_FAULT (tests of a
 * whole CLI process): `fail` throws ENOSPC after half of the temporary file is written; `kill` SIGKILLs the
 * process at that point. Never set it outside tests.
 */
export type WriteFault = 'fail' | 'kill';
export const WRITE_FAULT_VARIABLE = 'API_EXPOSURE_LINT_TEST_WRITE_FAULT';

export interface SafeWriteOptions {
  /** The file as it was read (readWithSnapshot): refuse to write if it changed since. Omit for files written without reading them (reports). */
  expected?: FileSnapshot;
  /** Create missing parent folders (reports, baselines). Default false. */
  createFolders?: boolean;
  /** Defaults to the environment variable; see WriteFault. */
  fault?: WriteFault;
}

export interface SafeWriteResult {
  /** The file actually replaced: the target of a symlink, else the file itself. */
  written: string;
}

const MAX_SYMLINK_HOPS = 40;

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a file and remembers what it looked like, for a later safeWriteFile(…, { expected }). */
export async function readWithSnapshot(file: string): Promise<{ bytes: Buffer; snapshot: FileSnapshot }> {
  const handle = await fs.open(file, 'r');
  try {
    const bytes = await handle.readFile();
    const stat = await handle.stat();
    return { bytes, snapshot: { size: bytes.length, mtimeMs: stat.mtimeMs, sha256: hashBytes(bytes) } };
  } finally {
    await handle.close();
  }
}

/** Follows a chain of symlinks to the file it ends at (which may not exist yet: a dangling link is written through too). */
export async function resolveLinks(file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop++) {
    let stat: Stats;
    try {
      stat = await fs.lstat(current);
    } catch {
      return current; // does not exist (yet)
    }
    if (!stat.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await fs.readlink(current));
  }
  throw new SafeWriteError('not-a-file', file, 'a symlink loop; nothing was written');
}

async function statOrUndefined(file: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function isWritable(file: string, stat: Stats): Promise<boolean> {
  // Root may write anything; a file without any write bit was still made read-only on purpose.
  if ((stat.mode & 0o222) === 0) return false;
  try {
    await fs.access(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why the file no longer matches what was read, or undefined when it does. */
async function changedSince(target: string, expected: FileSnapshot): Promise<string | undefined> {
  const stat = await statOrUndefined(target);
  if (!stat) return 'it was deleted since it was read';
  // Same size and mtime is not proof (mtime granularity, tools that restore it): the content decides.
  if (stat.size !== expected.size) return 'it changed on disk since it was read';
  const bytes = await fs.readFile(target);
  return hashBytes(bytes) === expected.sha256 ? undefined : 'it changed on disk since it was read';
}

/** Keeps a CRLF file CRLF when the new content was produced with bare LFs (reports, baselines). */
async function withOriginalLineEndings(target: string, content: string | Uint8Array, exists: boolean): Promise<string | Uint8Array> {
  if (!exists || typeof content !== 'string' || content.includes('\r\n') || !content.includes('\n')) return content;
  const handle = await fs.open(target, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const sample = head.subarray(0, bytesRead).toString('utf8');
    const firstNewline = sample.indexOf('\n');
    return firstNewline > 0 && sample[firstNewline - 1] === '\r' ? content.replace(/\n/g, '\r\n') : content;
  } finally {
    await handle.close();
  }
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const text =
    e?.code === 'ENOSPC'
      ? 'no space left on device'
      : e?.code === 'EACCES' || e?.code === 'EPERM'
        ? 'permission denied'
        : e?.code === 'EROFS'
          ? 'read-only file system'
          : undefined;
  return (text ?? (e instanceof Error ? e.message : String(error))).replace(/\s*[\r\n]+\s*/g, ' ');
}

async function fsyncFolder(dir: string): Promise<void> {
  // Makes the rename itself durable. Windows cannot open a folder for this; that is fine there.
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function faultFromEnvironment(): WriteFault | undefined {
  const value = process.env[WRITE_FAULT_VARIABLE];
  return value === 'fail' || value === 'kill' ? value : undefined;
}

async function writeTemporary(temp: string, data: Uint8Array, stat: Stats | undefined, fault: WriteFault | undefined): Promise<void> {
  // 'wx': never follow or reuse something already at this name.
  const handle = await fs.open(temp, 'wx', stat ? stat.mode & 0o7777 : 0o666);
  try {
    if (fault) {
      await handle.write(data, 0, Math.floor(data.length / 2));
      await handle.sync();
      if (fault === 'kill') process.kill(process.pid, 'SIGKILL');
      throw Object.assign(new Error('ENOSPC: no space left on device (injected by ' + WRITE_FAULT_VARIABLE + ')'), { code: 'ENOSPC' });
    }
    await handle.writeFile(data);
    if (stat) {
      // open()'s mode is filtered by the umask: set the original's exactly.
      await handle.chmod(stat.mode & 0o7777);
      await handle.chown(stat.uid, stat.gid).catch(() => undefined); // only root may give a file away; keep ours otherwise
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `content` to `file` atomically; see the top of this file. Throws SafeWriteError (one-line message
 * that names the file and says it is unchanged) when the write is refused or fails.
 */
export async function safeWriteFile(file: string, content: string | Uint8Array, options: SafeWriteOptions = {}): Promise<SafeWriteResult> {
  const target = await resolveLinks(file);
  const dir = path.dirname(target);
  const shown = file === target ? file : `${file} (symlink to ${target})`;
  let stat: Stats | undefined;
  try {
    if (options.createFolders) await fs.mkdir(dir, { recursive: true });
    stat = await statOrUndefined(target);
  } catch (error) {
    throw new SafeWriteError('failed', file, describe(error), 'cannot write', shown);
  }
  const unchanged = stat ? 'the file is unchanged' : 'nothing was written';
  if (stat && !stat.isFile()) throw new SafeWriteError('not-a-file', file, `not a regular file; ${unchanged}`, 'cannot write', shown);
  if (stat && !(await isWritable(target, stat)))
    throw new SafeWriteError('read-only', file, `the file is read-only; ${unchanged}`, 'cannot write', shown);
  const refuseIfChanged = async () => {
    const why = options.expected ? await changedSince(target, options.expected) : undefined;
    if (why) throw new SafeWriteError('changed', file, `${why}; it was left as it is`, 'not writing', shown);
  };
  await refuseIfChanged();

  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let tempCreated = false;
  try {
    const data = await withOriginalLineEndings(target, content, stat !== undefined);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    tempCreated = true; // from here on, clean up even if open() itself failed half-way
    await writeTemporary(temp, bytes, stat, options.fault ?? faultFromEnvironment());
    // The last moment before the original is replaced: someone may have saved it while we worked.
    await refuseIfChanged();
    await fs.rename(temp, target);
    tempCreated = false;
  } catch (error) {
    // EEXIST: the name belongs to someone else (never in practice: it is random); leave it alone.
    if (tempCreated && (error as NodeJS.ErrnoException).code !== 'EEXIST') await fs.rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof SafeWriteError) throw error;
    throw new SafeWriteError('failed', file, `${describe(error)}; ${unchanged}`, 'cannot write', shown);
  }
  await fsyncFolder(dir);
  return { written: target };
}

/** The reason of a failed write without the file name (SafeWriteError.detail), for messages that name the file themselves. */
export function writeErrorDetail(error: unknown): string {
  return error instanceof SafeWriteError ? error.detail : describe(error);
}
