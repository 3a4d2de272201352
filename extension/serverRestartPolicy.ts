/**
 * When the language server dies, is it restarted? A pure function of the crash times, so the
 * rule is testable without VS Code (test/unit/extension/serverRestartPolicy.test.ts); the
 * languageclient ErrorHandler that applies it is serverErrorHandler.ts.
 *
 * The rule: restart after every crash as long as at most `maxRestarts` crashes (this one
 * included) fall within the last `windowMs`; the next one inside the window stops the server.
 * A sliding window rather than a lifetime count, so a server that crashes now and then over a
 * long session keeps being restarted, while a crash loop stops quickly.
 */

export interface RestartPolicy {
  /** Restarts allowed within one window; the crash after them stops the server. */
  readonly maxRestarts: number;
  /** Length of the sliding window, in milliseconds. */
  readonly windowMs: number;
}

/**
 * 5 restarts in 3 minutes. A deterministic crash (e.g. a native abort while loading one model)
 * recurs within seconds of each start: the server reanalyses on start, and an analysis from the
 * persistent cache takes a few seconds, so a loop is stopped after about five analyses — under
 * a minute of wasted CPU — rather than running forever. Crashes that come from the environment
 * (out of memory while another program peaks, a killed process) rarely come five at a time, so
 * they are absorbed. These are also vscode-languageclient's default numbers, which users of
 * other language servers already know; what we add is the logged cause, the status bar state
 * and a Restart Server action once it stops.
 */
export const SERVER_RESTART_POLICY: RestartPolicy = { maxRestarts: 5, windowMs: 3 * 60_000 };

export interface RestartDecision {
  /** Restart the server (true) or leave it stopped (false). */
  readonly restart: boolean;
  /** Crash times still inside the window, this crash last: the history for the next decision. */
  readonly crashes: readonly number[];
  /** Restarts still allowed in the window after this one (0 when stopping). */
  readonly remaining: number;
}

/**
 * Decides about the crash at `now`, given the earlier crash times (ms, any order). Crashes
 * older than the window are forgotten; a time after `now` (a clock step back) counts as recent.
 */
export function decideRestart(previous: readonly number[], now: number, policy: RestartPolicy = SERVER_RESTART_POLICY): RestartDecision {
  const crashes = [...previous.filter((t) => now - t < policy.windowMs), now].sort((a, b) => a - b);
  const restart = crashes.length <= policy.maxRestarts;
  return { restart, crashes, remaining: restart ? policy.maxRestarts - crashes.length : 0 };
}

/** How a process ended, for the log: "exit code 1", "signal SIGKILL", or unknown (it died before it was running). */
export function describeExit(code: number | null | undefined, signal: string | null | undefined): string {
  if (signal) return `signal ${signal}`;
  if (typeof code === 'number') return `exit code ${code}`;
  return 'exit status unknown';
}

/** The window in words: "3 minutes", "90 seconds". */
export function describeWindow(policy: RestartPolicy): string {
  const s = Math.round(policy.windowMs / 1000);
  return s % 60 === 0 ? `${s / 60} minute${s === 60 ? '' : 's'}` : `${s} seconds`;
}
