import * as fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Each timed opening starts from a quiet workbench, as a user's run does: not while code-server,
 * its extension host, the JSON language server or Chromium are still busy with the opening before
 * (a closed 10 MB document keeps the language server and the garbage collectors busy for seconds).
 * Busy is read from /proc, as the CPU time of this process's descendants, so other people's load
 * on a shared machine neither delays nor hides it.
 */

/** Below this many CPUs' worth of use over a window, the workbench is taken as quiet (a blinking cursor costs a few hundredths). */
const QUIET_CPUS = 0.15;
const WINDOW_MS = 500;
/** Linux's USER_HZ, the unit of /proc/<pid>/stat's CPU times. */
const TICKS_PER_SECOND = 100;

export interface QuietStart {
  readonly waitedMs: number;
  /** False when the workbench was still busy after `maxWaitMs`, and the opening started all the same. */
  readonly quiet: boolean;
}

export async function waitForQuietWorkbench(maxWaitMs = 20_000): Promise<QuietStart> {
  const started = performance.now();
  let before = descendantsCpuTicks(process.pid);
  for (;;) {
    await sleep(WINDOW_MS);
    const after = descendantsCpuTicks(process.pid);
    const cpus = (after - before) / TICKS_PER_SECOND / (WINDOW_MS / 1000);
    const waitedMs = performance.now() - started;
    if (cpus < QUIET_CPUS) return { waitedMs, quiet: true };
    if (waitedMs >= maxWaitMs) return { waitedMs, quiet: false };
    before = after;
  }
}

/** User and system CPU ticks used so far by every live process descending from `root`. */
function descendantsCpuTicks(root: number): number {
  const parentOf = new Map<number, number>();
  const ticksOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // it ended meanwhile
    }
    // The command name, in parentheses, may hold spaces: the fields follow its last ')'. From
    // there, field 1 is the parent's pid, 11 and 12 the user and system times.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parentOf.set(Number(entry), Number(fields[1]));
    ticksOf.set(Number(entry), Number(fields[11]) + Number(fields[12]));
  }
  let total = 0;
  for (const [pid, ticks] of ticksOf) {
    for (let up = parentOf.get(pid); up !== undefined && up > 1; up = parentOf.get(up)) {
      if (up === root) {
        total += ticks;
        break;
      }
    }
  }
  return total;
}
