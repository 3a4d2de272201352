// Starts code-server (VS Code 1.139 from npm) on a free loopback port with everything it writes
// kept under one per-run folder, and stops it with its whole process group (extension host and
// language server included).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { readTools } from './tools';

export type ExtensionSource =
  /** An unpacked extension folder (has package.json); symlinked into the extensions dir. */
  | { folder: string }
  /** A packaged extension, installed with `--install-extension`. */
  | { vsix: string };

export interface CodeServerOptions {
  /** Short name used in the run folder's name. */
  name: string;
  /** Extensions to install before start. */
  extensions?: ExtensionSource[];
  /** Leave workspace trust on (Restricted-mode tests). Default: off. */
  workspaceTrust?: boolean;
  /** Extra user settings merged over the seeded ones. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
  /** Milliseconds to wait for /healthz. Default 60 s. */
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** code-server's pid, also its process-group id (it runs in its own session). */
  readonly pid: number;
  readonly port: number;
  readonly origin: string;
  /** Per-run folder: HOME, XDG_*, TMPDIR, user data, extensions and logs live under it. */
  readonly runDir: string;
  readonly logFile: string;
  /** Milliseconds from spawn to a healthy /healthz. */
  readonly startMs: number;
  /** A vscode-remote URI for an absolute path on this server (for smoke-test payloads). */
  remoteUri(absPath: string): string;
  /** The last lines code-server printed (for failure messages). */
  logTail(lines?: number): string;
  /** Kill the process group and wait for it; removes the run folder unless `keep`. */
  stop(options?: { keep?: boolean }): Promise<void>;
}

/** Seeded user settings: a quiet, offline workbench (E2E.md). */
export function seededSettings(workspaceTrust: boolean): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'chat.disableAIFeatures': true,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'git.enabled': false,
    'security.workspace.trust.enabled': workspaceTrust,
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Environment with HOME, XDG_* and TMPDIR inside `runDir`, and no variables of a parent VS Code. */
export function isolatedEnv(runDir: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    // A harness started from a VS Code terminal must not leak that VS Code's IPC hooks.
    if (/^(VSCODE_|ELECTRON_)/.test(k)) continue;
    env[k] = v;
  }
  const dirs = {
    HOME: join(runDir, 'home'),
    XDG_CONFIG_HOME: join(runDir, 'home', '.config'),
    XDG_DATA_HOME: join(runDir, 'home', '.local', 'share'),
    XDG_CACHE_HOME: join(runDir, 'home', '.cache'),
    XDG_STATE_HOME: join(runDir, 'home', '.local', 'state'),
    XDG_RUNTIME_DIR: join(runDir, 'run'),
    TMPDIR: join(runDir, 'tmp'),
  };
  for (const [k, dir] of Object.entries(dirs)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    env[k] = dir;
  }
  return { ...env, ...extra };
}

function extensionFolderName(folder: string): string {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { publisher?: string; name?: string; version?: string };
  if (!manifest.publisher || !manifest.name) throw new Error(`${folder}/package.json needs "publisher" and "name" to be installed as an extension.`);
  return `${manifest.publisher}.${manifest.name}-${manifest.version ?? '0.0.0'}`;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const tools = readTools();
  const trust = options.workspaceTrust ?? false;
  const runDir = mkdtempSync(join(tmpdir(), `md-e2e-${options.name.replace(/[^\w-]/g, '_')}-`));
  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...seededSettings(trust), ...options.settings }, null, 2),
  );
  const port = await freePort();
  writeFileSync(join(runDir, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = isolatedEnv(runDir, {
    // Node 24 first: the extension host and language server are forked from code-server's node.
    PATH: `${resolve(tools.node, '..')}:${process.env.PATH ?? ''}`,
    ...options.env,
  });
  const entry = join(tools.codeServer, 'out', 'node', 'entry.js');
  const baseArgs = [entry, '--config', join(runDir, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const ext of options.extensions ?? []) {
    if ('folder' in ext) {
      symlinkSync(resolve(ext.folder), join(extensionsDir, extensionFolderName(ext.folder)), 'dir');
    } else {
      const r = spawnSync(tools.node, [...baseArgs, '--install-extension', resolve(ext.vsix)], { env, encoding: 'utf8', timeout: 120_000 });
      if (r.status !== 0) throw new Error(`installing ${basename(ext.vsix)} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
  }

  const args = [
    ...baseArgs,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--vscode-option', 'enable-smoke-test-driver',
    ...(trust ? [] : ['--disable-workspace-trust']),
  ];
  const logFile = join(runDir, 'code-server.log');
  const log = createWriteStream(logFile);
  const tail: string[] = [];
  const started = performance.now();
  // detached: the child calls setsid(), so its pid is the process-group id we kill at the end.
  const child: ChildProcess = spawn(tools.node, args, { env, cwd: runDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) tail.push(line);
    if (tail.length > 400) tail.splice(0, tail.length - 400);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

  const origin = `http://127.0.0.1:${port}`;
  const logTail = (n = 40) => tail.slice(-n).join('\n');
  let stopped = false;
  const stop = async ({ keep = false }: { keep?: boolean } = {}) => {
    if (!stopped) {
      stopped = true;
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        const killed = await Promise.race([exited.then(() => true), timeout(5000).then(() => false)]);
        if (!killed) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
          await exited;
        }
      }
      // Children of the group (extension host, language server) may outlive the leader briefly.
      if (child.pid) await waitForGroupExit(child.pid, 5000);
      await new Promise<void>((r) => log.end(r));
    }
    if (!keep) rmSync(runDir, { recursive: true, force: true });
  };

  try {
    await waitHealthy(origin, exited, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await stop({ keep: true });
    throw new Error(`code-server did not become healthy: ${(error as Error).message}\nrun folder: ${runDir}\n${logTail()}`);
  }
  const startMs = performance.now() - started;
  return {
    pid: child.pid ?? 0,
    port,
    origin,
    runDir,
    logFile,
    startMs,
    remoteUri: (absPath: string) => `vscode-remote://127.0.0.1:${port}${resolve(absPath)}`,
    logTail,
    stop,
  };
}

function timeout(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls /healthz until it answers 200 (a condition, with a short back-off), or the process exits. */
async function waitHealthy(origin: string, exited: Promise<number | null>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  let exitCode: number | null | undefined;
  void exited.then((c) => (exitCode = c ?? -1));
  let delay = 50;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`code-server exited with ${exitCode}`);
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await Promise.race([timeout(delay), exited]);
    delay = Math.min(delay * 2, 500);
  }
  throw new Error(`no healthy /healthz within ${limitMs} ms`);
}

/** Waits until no process of group `pgid` is left (signal 0 fails with ESRCH). */
async function waitForGroupExit(pgid: number, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  let delay = 20;
  while (Date.now() < deadline) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await timeout(delay);
    delay = Math.min(delay * 2, 200);
  }
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    /* gone */
  }
}
