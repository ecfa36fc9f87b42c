import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Ports apart from `pnpm dev`'s defaults, so the suite runs beside a developer's stack;
// STACK_PORT_OFFSET moves all three (e.g. a benchmark beside a running e2e suite).
const PORT_OFFSET = Number(process.env.STACK_PORT_OFFSET ?? 0);
export const PORTS = { web: 5273 + PORT_OFFSET, tokenServer: 3437 + PORT_OFFSET, localCord: 8261 + PORT_OFFSET };
export type StackPorts = typeof PORTS;
export const WEB_URL = webUrl(PORTS);
export const LOCAL_CORD_URL = localCordUrl(PORTS);

function webUrl(ports: StackPorts) {
  return `http://localhost:${ports.web}`;
}

function localCordUrl(ports: StackPorts) {
  return `http://127.0.0.1:${ports.localCord}`;
}

/** The stack's processes: the workspace package each runs, and the URL that answers once it is ready. */
function services(ports: StackPorts) {
  return {
    cord: { filter: '@cord-tutorial/local-cord', readyUrl: `${localCordUrl(ports)}/health` },
    server: { filter: '@cord-tutorial/server', readyUrl: `http://127.0.0.1:${ports.tokenServer}/generate-cord-token` },
    web: { filter: '@cord-tutorial/web', readyUrl: `http://127.0.0.1:${ports.web}/` },
  };
}
export type Service = keyof ReturnType<typeof services>;

export interface StackOptions {
  /** Where its three processes listen; by default the suite's PORTS. */
  ports?: StackPorts;
  /** Variables besides the ports and the database, e.g. CORD_GUIDE_VARIANT. */
  env?: Record<string, string>;
}

/** The stack's processes, each started as `pnpm dev` starts it, in its own process group. */
export class Stack {
  private readonly processes = new Map<string, ChildProcess>();
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'local-cord-e2e-'));
  readonly ports: StackPorts;
  readonly webUrl: string;
  readonly localCordUrl: string;
  readonly env: NodeJS.ProcessEnv;
  private readonly services: ReturnType<typeof services>;

  constructor({ ports = PORTS, env = {} }: StackOptions = {}) {
    this.ports = ports;
    this.webUrl = webUrl(ports);
    this.localCordUrl = localCordUrl(ports);
    this.services = services(ports);
    this.env = {
      ...process.env,
      PORT: String(ports.tokenServer),
      WEB_PORT: String(ports.web),
      LOCAL_CORD_PORT: String(ports.localCord),
      LOCAL_CORD_DB: join(this.dataDir, 'local-cord.db'),
      // An empty .env value must not switch the suite to a real Cord project.
      CORD_PROJECT_ID: '',
      CORD_SECRET: '',
      CORD_GUIDE_VARIANT: '',
      ...env,
    };
  }

  private production = false;

  /** `production`: the client built by `vite build` and served by `vite preview`. */
  async start({ production = false } = {}) {
    this.production = production;
    if (production) await this.exec('pnpm', ['--filter', '@cord-tutorial/web', 'build']);
    await Promise.all((Object.keys(this.services) as Service[]).map((name) => this.startService(name)));
  }

  /** Starts one process (unless it runs already) and waits until it answers. */
  async startService(name: Service) {
    if (this.processes.get(name)?.exitCode === null) return;
    const { filter, readyUrl } = this.services[name];
    await this.run(name, filter, readyUrl, name === 'web' && this.production ? 'preview' : 'dev');
  }

  /** Stops one process: SIGTERM is a clean stop, SIGKILL a crash. */
  stopService(name: Service, signal: NodeJS.Signals = 'SIGTERM') {
    return this.stop(name, signal);
  }

  /** Stops local Cord (SIGKILL by default: a crash) and starts it again on the same database. */
  async restartLocalCord(signal: NodeJS.Signals = 'SIGKILL') {
    await this.stopService('cord', signal);
    await this.startService('cord');
  }

  stopTokenServer(signal: NodeJS.Signals = 'SIGTERM') {
    return this.stopService('server', signal);
  }

  startTokenServer() {
    return this.startService('server');
  }

  async stopAll() {
    await Promise.all([...this.processes.keys()].map((name) => this.stop(name, 'SIGTERM')));
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private exec(command: string, args: string[]) {
    return new Promise<void>((resolve, reject) => {
      const child = spawn(command, args, { env: this.env, stdio: 'inherit' });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed`))));
    });
  }

  private async run(name: string, filter: string, readyUrl: string, script = 'dev') {
    const child = spawn('pnpm', ['--filter', filter, script], {
      env: this.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    this.processes.set(name, child);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${name} exited early:\n${output}`);
      const ready = await fetch(readyUrl).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${name} did not start within 60 s:\n${output}`);
  }

  private async stop(name: string, signal: NodeJS.Signals) {
    const child = this.processes.get(name);
    this.processes.delete(name);
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, signal);
    await exited;
  }
}
