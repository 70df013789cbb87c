// Every long-lived process the e2e tests start (VS Code server, code-server, Chromium) runs in a process
// group of its own, because the VS Code server leaves extension hosts and the language server running
// for hours after its main process gets SIGTERM. Killing the whole group is the only reliable cleanup.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';

/**
 * Optional file where process group ids are recorded, so a parent (the node --test file) can kill groups
 * that a crashed child (the launcher) started. Set by the tests, inherited by the launcher.
 */
export const GROUPS_FILE_ENV = 'API_EXPOSURE_LINT_E2E_GROUPS_FILE';

const started = new Set();

/** Spawns `command` as the leader of a new process group (setsid semantics via `detached`). */
export function spawnGroup(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid) rememberGroup(child.pid);
  return child;
}

/** Records a process group started by someone else (e.g. Chromium launched by Playwright). */
export function rememberGroup(pgid) {
  started.add(pgid);
  const file = process.env[GROUPS_FILE_ENV];
  if (file) appendFileSync(file, `${pgid}\n`);
}

/** SIGKILLs a process group; a group that is already gone is fine. */
export function killGroup(pgid) {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
  started.delete(pgid);
}

/** Kills every group this process started. */
export function killStartedGroups() {
  for (const pgid of [...started]) killGroup(pgid);
}

/** Kills every group recorded in the groups file (by this process or its children), then deletes the file. */
export function killRecordedGroups(file) {
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const pgid = Number(line);
    if (Number.isInteger(pgid) && pgid > 0) killGroup(pgid);
  }
  rmSync(file, { force: true });
}

/** True while some process of the group is alive (signal 0 only checks). */
export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
