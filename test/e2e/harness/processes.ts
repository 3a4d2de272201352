// The processes a code-server started (extension host, language server), read from /proc, so a
// test can find the language server and kill it the way a crash would.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** Process-group id. */
  readonly pgid: number;
  /** The command line, arguments joined by spaces. */
  readonly command: string;
}

/** Every process we can read; ones that exit while being read are skipped. */
export function listProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ')'.
      const [, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      out.push({ pid: Number(name), ppid: Number(ppid), pgid: Number(pgid), command });
    } catch {
      /* gone in between */
    }
  }
  return out;
}

/** Processes started (directly or not) by `root`, or in its process group, whose command line contains `needle`. */
export function findDescendants(root: number, needle: string): ProcessInfo[] {
  const all = listProcesses();
  const children = new Map<number, ProcessInfo[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const mine = new Set<number>();
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop() as number;
    for (const c of children.get(pid) ?? []) if (!mine.has(c.pid)) (mine.add(c.pid), queue.push(c.pid));
  }
  return all.filter((p) => (mine.has(p.pid) || p.pgid === root) && p.pid !== root && p.command.includes(needle));
}
