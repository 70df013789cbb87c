// The few git questions --changed-since and --new-only ask, answered by the git executable
// (execFile, no shell) in the repository. Every failure becomes a one-line ConfigurationError.
import { execFile } from 'node:child_process';
import { ConfigurationError, oneLine } from './errors';

/** Large enough for any document the engine would lint (50 MB by default) and for long file lists. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

interface GitOutput {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function git(args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv, option = '--changed-since'): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args as string[],
      { cwd, env, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new ConfigurationError(`${option} needs git, and git was not found on the PATH`));
          return;
        }
        resolve({ ok: !error, stdout, stderr });
      },
    );
  });
}

function failure(what: string, output: GitOutput): ConfigurationError {
  return new ConfigurationError(`${what}: ${oneLine(output.stderr) || 'git failed'}`, output.stderr);
}

/** The top folder of the work tree that holds `cwd`. */
export async function repositoryRoot(cwd: string, option = '--changed-since'): Promise<string> {
  const out = await git(['rev-parse', '--show-toplevel'], cwd, undefined, option);
  if (!out.ok) {
    if (/not a git repository/i.test(out.stderr)) throw new ConfigurationError(`${option}: ${cwd} is not in a git repository`);
    throw failure(option, out);
  }
  return out.stdout.trim();
}

/** The commit `ref` names, or a one-line error that says how to make it available. */
export async function resolveCommit(ref: string, root: string, option = '--changed-since'): Promise<string> {
  const out = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root, undefined, option);
  if (!out.ok || !out.stdout.trim()) {
    throw new ConfigurationError(
      `${option}: unknown git ref "${ref}" (in a shallow clone, fetch it first, e.g. actions/checkout with fetch-depth: 0)`,
    );
  }
  return out.stdout.trim();
}

/** Where HEAD's history and `commit`'s meet: what a pull request is compared with. */
export async function mergeBase(commit: string, ref: string, root: string, option = '--changed-since'): Promise<string> {
  const out = await git(['merge-base', commit, 'HEAD'], root, undefined, option);
  if (!out.ok || !out.stdout.trim()) {
    throw new ConfigurationError(
      `${option}: "${ref}" and HEAD share no history (in a shallow clone, fetch more, e.g. actions/checkout with fetch-depth: 0)`,
    );
  }
  return out.stdout.trim();
}

export interface ChangedFile {
  /** Path relative to the repository root, with "/" separators, as the file is now. */
  path: string;
  /** Path at the base commit when it differs (a rename); undefined for an added file. */
  oldPath?: string;
  status: 'added' | 'modified' | 'renamed';
}

/**
 * Files added, modified or renamed between `base` and the work tree: committed changes, staged and
 * unstaged ones (git diff <base> compares the commit with the work tree), and untracked files that
 * are not ignored. Deleted files are left out.
 */
export async function changedFiles(base: string, root: string): Promise<ChangedFile[]> {
  const diff = await git(
    ['-c', 'core.quotePath=false', 'diff', '--name-status', '-z', '-M', '--diff-filter=ACMR', '--no-ext-diff', base, '--'],
    root,
  );
  if (!diff.ok) throw failure('--changed-since: git diff failed', diff);
  const fields = diff.stdout.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < fields.length;) {
    const status = fields[i++];
    if (status.startsWith('R')) {
      const oldPath = fields[i++];
      files.push({ path: fields[i++], oldPath, status: 'renamed' });
    } else if (status.startsWith('C')) {
      i++; // a copy: the source is unchanged, the copy is new
      files.push({ path: fields[i++], status: 'added' });
    } else {
      const path = fields[i++];
      files.push({ path, oldPath: status === 'A' ? undefined : path, status: status === 'A' ? 'added' : 'modified' });
    }
  }
  const untracked = await git(['ls-files', '-z', '--others', '--exclude-standard'], root);
  if (!untracked.ok) throw failure('--changed-since: git ls-files failed', untracked);
  for (const path of untracked.stdout.split('\0').filter(Boolean)) files.push({ path, status: 'added' });
  return files;
}

/** The text of `path` (relative to the root) at `commit`, or undefined when it does not exist there. */
export async function fileAtCommit(commit: string, path: string, root: string): Promise<string | undefined> {
  const out = await git(['show', `${commit}:${path}`], root);
  return out.ok ? out.stdout : undefined;
}

/**
 * Writes the files of `commit` under `dir` (which must exist and be empty) without touching the
 * repository's index or work tree: a throw-away index file, then checkout-index into the folder.
 */
export async function checkoutCommitInto(commit: string, root: string, dir: string, option = '--base'): Promise<void> {
  const env = { ...process.env, GIT_INDEX_FILE: `${dir}.index` };
  const read = await git(['read-tree', commit], root, env, option);
  if (!read.ok) throw failure(`${option}: git read-tree failed`, read);
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const checkout = await git(['checkout-index', '--all', '--force', `--prefix=${prefix}`], root, env, option);
  if (!checkout.ok) throw failure(`${option}: git checkout-index failed`, checkout);
}
