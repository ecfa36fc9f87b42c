// Local Cord signs tokens with a published development secret, so its CLI refuses to
// listen beyond loopback unless LOCAL_CORD_ALLOW_REMOTE=1 says so explicitly.
import { afterEach, describe, expect, it } from 'vitest';
import { type CliProcess, startCli, stopCli } from '../src/testing/index.ts';

const started: CliProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((cli) => stopCli(cli, 'SIGKILL')));
});

function cli(env: Record<string, string>) {
  const child = startCli({ LOCAL_CORD_DB: ':memory:', LOCAL_CORD_PORT: '0', ...env });
  started.push(child);
  return child;
}

describe('local Cord CLI on a non-loopback address', () => {
  it.each(['0.0.0.0', '::', '192.0.2.10'])(
    'refuses %s without LOCAL_CORD_ALLOW_REMOTE=1, exits 1 and says why',
    async (host) => {
      const refused = cli({ LOCAL_CORD_HOST: host });

      const { code } = await refused.exited;

      expect(code).toBe(1);
      expect(refused.output()).toContain(`refusing to listen on ${host}`);
      expect(refused.output()).toContain('LOCAL_CORD_ALLOW_REMOTE=1');
      expect(refused.output()).not.toMatch(/listening/);
    },
  );

  it('starts on 0.0.0.0 when LOCAL_CORD_ALLOW_REMOTE=1 asks for it', { timeout: 20_000 }, async () => {
    const allowed = cli({ LOCAL_CORD_HOST: '0.0.0.0', LOCAL_CORD_ALLOW_REMOTE: '1' });

    const [, port] = await allowed.waitFor(/local Cord listening on http:\/\/0\.0\.0\.0:(\d+)/);

    // Checked over loopback only.
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await stopCli(allowed)).toEqual({ code: 0, signal: null });
  });

  it('starts on a loopback address without being asked', { timeout: 20_000 }, async () => {
    const loopback = cli({ LOCAL_CORD_HOST: '127.0.0.1' });
    const [, port] = await loopback.waitFor(/local Cord listening on http:\/\/127\.0\.0\.1:(\d+)/);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  });
});
