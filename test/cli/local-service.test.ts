import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunOutcome } from '../../cli/run-outcome';
import { readAnnouncement } from '../../local/cloud/data-dir-lock';
import { processAlive } from '../../cli/connection/local-server-file';
import { printedJson } from '../support/cli-runner';
import { killServer, runCli, serverClients, spawnCli } from '../support/cli-process';
import { NOTHING_LEFT, runLeftovers } from '../support/run-leftovers';

jest.setTimeout(180_000);

const dataDirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-lab-service-'));
  dataDirs.push(dir);
  return dir;
};
// Every server a test started goes with it, passed or failed.
afterEach(async () => {
  for (const dir of dataDirs.splice(0)) await killServer(dir);
});

const served = (dataDir: string) => {
  const announced = readAnnouncement(dataDir);
  if (!announced?.endpoint) throw new Error(`no server announced in ${dataDir}`);
  return { pid: announced.pid, endpoint: announced.endpoint };
};

const leftoversOf = (dataDir: string, runId: string) => runLeftovers(serverClients(served(dataDir).endpoint), runId);

test('a command that finds no local cloud starts one in the background; later commands use it, a second server and contradicting settings are refused, and local stop ends it', async () => {
  const dataDir = freshDir();
  const list = await runCli('list', '--data-dir', dataDir, '--time-scale', '0');
  expect(list).toMatchObject({ code: 0, stdout: expect.stringContaining('No runs at the local cloud at http://127.0.0.1:') });
  const server = served(dataDir);
  expect(server.pid).not.toBe(process.pid);
  expect(readFileSync(join(dataDir, 'local.log'), 'utf8')).toContain(`listening on ${server.endpoint} (pid ${server.pid})`);

  const status = await runCli('local', 'status', '--data-dir', dataDir);
  expect(status.code).toBe(0);
  expect(status.stdout).toContain(`pid ${server.pid}   ${server.endpoint}`);
  expect(status.stdout).toContain('time scale 0');
  expect(status.stdout).toContain('stops after 30 min idle');

  // The same directory again: the same server, whatever the command.
  expect((await runCli('list', '--data-dir', dataDir)).stdout).toContain(`pid ${server.pid}`);
  const otherPace = await runCli('list', '--data-dir', dataDir, '--time-scale', '0.5');
  expect(otherPace.code).toBe(2);
  expect(otherPace.stderr).toContain(`--time-scale 0.5 was given, but the local cloud serving ${dataDir} (pid ${server.pid}, ${server.endpoint}) runs with --time-scale 0`);

  const second = await runCli('local', '--data-dir', dataDir, '--port', '0');
  expect(second.code).toBe(2);
  expect(second.stderr).toContain(`is served by vpce-lab local (pid ${server.pid}, ${server.endpoint})`);
  expect(served(dataDir).pid).toBe(server.pid);

  const stop = await runCli('local', 'stop', '--data-dir', dataDir);
  expect(stop).toMatchObject({ code: 0, stdout: expect.stringContaining(`Stopped the local cloud (pid ${server.pid}); its state stays in ${dataDir}`) });
  expect(processAlive(server.pid)).toBe(false);
  expect(readAnnouncement(dataDir)).toBeUndefined();
  expect(await runCli('local', 'status', '--data-dir', dataDir)).toMatchObject({ code: 1, stdout: expect.stringContaining(`No local cloud serves ${dataDir}`) });
});

test('Ctrl+C stops following, not the run: the command says how to follow it again and tear it down, and the run ends by itself leaving nothing', async () => {
  const dataDir = freshDir();
  const start = spawnCli('start', '--scenario', 'gateway', '--data-dir', dataDir, '--time-scale', '0.05');
  await start.waitFor(/✔ Build consumer network/);
  start.child.kill('SIGINT');
  const interrupted = await start.done;
  const runId = /Run (lab-\S+) \(gateway\)/.exec(interrupted.stdout)?.[1] ?? '';
  const server = served(dataDir);
  expect(interrupted.code).toBe(130);
  expect(interrupted.stdout).toContain(`Stopped following run ${runId}. It goes on in the local cloud (pid ${server.pid}, ${server.endpoint}) and tears itself down when it is done`);
  expect(interrupted.stdout).toContain(`follow it again:  vpce-lab status ${runId} --follow`);
  expect(interrupted.stdout).toContain(`tear it down now: vpce-lab teardown ${runId}`);

  const followed = await runCli('status', runId, '--data-dir', dataDir, '--follow');
  expect(followed.code).toBe(0);
  expect(followed.stdout).toContain('✔ Teardown');
  expect(followed.stdout).toMatch(new RegExp(`^Run ${runId} succeeded in [\\d.]+ s; nothing of it remains\\.$`, 'm'));
  expect(await leftoversOf(dataDir, runId)).toEqual(NOTHING_LEFT);
});

test('start --keep returns once the lab is built, with its report and expiry; the server will not stop under it, and a killed server leaves it to teardown', async () => {
  const dataDir = freshDir();
  const keep = await runCli('start', '--scenario', 'gateway', '--keep', '--ttl', '1h', '--data-dir', dataDir, '--time-scale', '0', '--json');
  const held = printedJson<RunOutcome & { holding: boolean; expiresAt: string }>(keep);
  expect(keep.code).toBe(0);
  expect(held).toMatchObject({ status: 'RUNNING', holding: true, report: { passed: true } });
  const server = served(dataDir);
  const built = await leftoversOf(dataDir, held.runId);
  expect(built.vpcs).toHaveLength(1);

  const human = await runCli('status', held.runId, '--data-dir', dataDir, '--json');
  expect(printedJson<{ currentSteps: string[] }>(human).currentSteps).toEqual(['HoldUntilExpiry']);
  const stop = await runCli('local', 'stop', '--data-dir', dataDir);
  expect(stop.code).toBe(1);
  expect(stop.stdout).toContain(`is running 1 run(s): ${held.runId}.`);
  expect(processAlive(server.pid)).toBe(true);

  // The server dies under the held run; the next command starts another, which takes the directory over.
  process.kill(server.pid, 'SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 200));
  const after = await runCli('status', held.runId, '--data-dir', dataDir, '--json');
  expect(after.code).toBe(1);
  expect(printedJson<RunOutcome>(after)).toMatchObject({ status: 'FAILED', cause: expect.stringContaining('The local cloud restarted while this execution was running') });
  expect(served(dataDir).pid).not.toBe(server.pid);
  expect(readFileSync(join(dataDir, 'local.log'), 'utf8')).toContain(`Took over ${dataDir} from vpce-lab local pid ${server.pid}, which ended without releasing it.`);
  expect(await leftoversOf(dataDir, held.runId)).toEqual(built);

  expect((await runCli('teardown', held.runId, '--data-dir', dataDir)).code).toBe(0);
  expect(await leftoversOf(dataDir, held.runId)).toEqual(NOTHING_LEFT);
});

test('vpce-lab local on a port in use exits 2 saying so, and a server stops by itself once idle for --stop-after', async () => {
  const busy: Server = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = String((busy.address() as { port: number }).port);
  const refused = await runCli('local', '--port', port, '--no-persist');
  busy.close();
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain(`port ${port} on 127.0.0.1 is in use by another program`);

  const dataDir = freshDir();
  const idle = spawnCli('local', '--port', '0', '--data-dir', dataDir, '--stop-after', '2s');
  await idle.waitFor(/listening on/);
  expect(existsSync(join(dataDir, 'server.json'))).toBe(true);
  const ended = await idle.done;
  expect(ended.code).toBe(0);
  expect(ended.stdout).toContain(`local cloud stopped (idle for 2 seconds); state saved in ${dataDir}`);
  expect(readAnnouncement(dataDir)).toBeUndefined();
});
