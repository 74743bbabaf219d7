import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Whether moto (a second, independent AWS emulator) is installed in this machine's Python. */
export const motoAvailable = (): boolean => spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** Starts `python3 -m moto.server` on a free loopback port and waits until it answers. */
export async function startMoto(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto server exited with code ${child.exitCode}`);
    const up = await fetch(`${endpoint}/moto-api/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error('moto server did not answer within 20 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // moto keeps everything in memory, so nothing is lost by SIGKILL; on SIGTERM it lingers a second, past jest's exit check.
  const stop = () => new Promise<void>((resolve) => (child.exitCode !== null || !child.kill('SIGKILL') ? resolve() : child.once('exit', () => resolve())));
  return { endpoint, stop };
}

/**
 * Creates an IAM instance profile in moto, as the lab's stack does in a real
 * account: moto, like AWS, refuses RunInstances naming a profile that does
 * not exist (the local cloud keeps no IAM and takes any name). No IAM client
 * is installed, so this is the plain query call; moto routes it by the
 * service named in the credential scope.
 */
export async function createMotoInstanceProfile(endpoint: string, name: string): Promise<void> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: new URLSearchParams({ Action: 'CreateInstanceProfile', Version: '2010-05-08', InstanceProfileName: name }),
  });
  if (!response.ok) throw new Error(`moto refused CreateInstanceProfile ${name}: ${response.status} ${await response.text()}`);
}
