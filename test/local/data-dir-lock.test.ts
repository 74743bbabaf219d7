import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLock, DataDirLocked, readAnnouncement } from '../../local/cloud/data-dir-lock';
import { LocalCloud } from '../../local/local-cloud';

const freshDir = () => mkdtempSync(join(tmpdir(), 'vpce-lab-lock-'));

test('a second local cloud on a served data directory is refused, naming the one that serves it, and starts once that one closed', async () => {
  const dataDir = freshDir();
  const first = await LocalCloud.start({ port: 0, dataDir });
  const refused = LocalCloud.start({ port: 0, dataDir });
  await expect(refused).rejects.toThrow(DataDirLocked);
  await expect(refused).rejects.toThrow(`is served by vpce-lab local (pid ${process.pid}, ${first.endpoint})`);
  // The refused start left the first server's announcement as it was.
  expect(readAnnouncement(dataDir)).toMatchObject({ pid: process.pid, endpoint: first.endpoint });
  await first.close();
  expect(readAnnouncement(dataDir)).toBeUndefined();

  const second = await LocalCloud.start({ port: 0, dataDir });
  expect(second.lock?.tookOverFrom).toBeUndefined();
  await second.close();
});

/** A process that takes the lock, announces itself, says so, and waits to be killed. */
async function lockHolder(dataDir: string): Promise<{ pid: number; kill: () => Promise<void> }> {
  const script = `
    require('tsx/cjs/api').register();
    const { DataDirLock } = require(${JSON.stringify(join(__dirname, '../../local/cloud/data-dir-lock.ts'))});
    DataDirLock.acquire(process.argv[1]).announce({ endpoint: 'http://127.0.0.1:1' });
    process.stdout.write('locked\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script, dataDir], { cwd: join(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code} before locking`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { pid: child.pid ?? -1, kill: () => (child.kill('SIGKILL'), exited) };
}

test('a lock held by another process refuses this one; once that process is killed, its lock is taken over, saying from which pid', async () => {
  const dataDir = freshDir();
  const holder = await lockHolder(dataDir);
  expect(() => DataDirLock.acquire(dataDir)).toThrow(`vpce-lab local (pid ${holder.pid}, http://127.0.0.1:1)`);

  await holder.kill();
  // Killed: it never withdrew its announcement, but the kernel let its lock go.
  expect(JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8'))).toMatchObject({ pid: holder.pid });
  const lock = DataDirLock.acquire(dataDir);
  expect(lock.tookOverFrom).toMatchObject({ pid: holder.pid });
  expect(readAnnouncement(dataDir)).toMatchObject({ pid: process.pid });
  lock.release();
  lock.release();
  expect(readAnnouncement(dataDir)).toBeUndefined();
});
