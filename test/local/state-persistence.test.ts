import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { CreateTagsCommand, CreateVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { LocalCloud } from '../../local/local-cloud';
import { legacyStateFilePath } from '../../local/cloud/legacy-state-file';
import { stateDatabasePath } from '../../local/cloud/state-migration';
import { sdkClients, startLocalCloud } from '../support/local-cloud-fixture';
import { startLocalCloudProcess } from '../reliability/support/local-cloud-process';

const freshDir = () => mkdtempSync(join(tmpdir(), 'vpce-lab-state-'));

test('a restart on the same data directory finds everything as it was, pending changes included', async () => {
  const dataDir = freshDir();
  const first = await startLocalCloud({ dataDir, timeScale: 1 });
  const { Vpc } = await first.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'k', Value: 'v' }] }] }));
  await first.cloud.close();

  const second = await startLocalCloud({ dataDir, timeScale: 1 });
  const { Vpcs } = await second.ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] }));
  expect(Vpcs?.[0]).toMatchObject({ VpcId: Vpc?.VpcId, Tags: [{ Key: 'k', Value: 'v' }] });
  // The VPC became available on the restarted cloud's clock: scheduled changes survive a restart.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const later = await second.ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] }));
  expect(later.Vpcs?.[0]?.State).toBe('available');
  await second.cloud.close();
});

test('a call the cloud answered survives the server being killed (SIGKILL) right after the answer', async () => {
  const dataDir = freshDir();
  const killed = await startLocalCloudProcess({ dataDir, timeScale: 0 });
  const { ec2 } = sdkClients(killed.endpoint);
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.7.0.0/16' }));
  await ec2.send(new CreateTagsCommand({ Resources: [Vpc!.VpcId!], Tags: [{ Key: 'kept', Value: 'after SIGKILL' }] }));
  expect(await killed.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

  const restarted = await startLocalCloudProcess({ dataDir, timeScale: 0 });
  try {
    const { Vpcs } = await sdkClients(restarted.endpoint).ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] }));
    expect(Vpcs?.[0]).toMatchObject({ VpcId: Vpc?.VpcId, State: 'available', Tags: [{ Key: 'kept', Value: 'after SIGKILL' }] });
  } finally {
    await restarted.kill('SIGTERM');
  }
}, 60_000);

describe('a state database the cloud cannot use is an error naming the file and what to do, never a silent reset', () => {
  const refused = async (dataDir: string, reason: RegExp) => {
    const file = stateDatabasePath(dataDir);
    const start = LocalCloud.start({ port: 0, dataDir });
    await expect(start).rejects.toMatchObject({ name: 'StateDatabaseUnusable', message: expect.stringContaining(`The local cloud state database ${file} cannot be used`) });
    await expect(start).rejects.toThrow(reason);
    await expect(start).rejects.toThrow('Restore it from a copy, or move it aside (with its -wal and -shm files) to start from an empty cloud');
  };

  test('bytes that are not SQLite', async () => {
    const dataDir = freshDir();
    writeFileSync(stateDatabasePath(dataDir), 'not a database at all, '.repeat(100));
    await refused(dataDir, /it is not a SQLite database \(file is not a database\)/);
  });

  test('a SQLite database of something else', async () => {
    const dataDir = freshDir();
    const other = new DatabaseSync(stateDatabasePath(dataDir));
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    await refused(dataDir, /it is a SQLite database, but not a vpce-lab local cloud state/);
  });

  test('a state of another format version', async () => {
    const dataDir = freshDir();
    const first = await LocalCloud.start({ port: 0, dataDir });
    await first.close();
    const db = new DatabaseSync(stateDatabasePath(dataDir));
    db.exec('PRAGMA user_version = 3');
    db.close();
    await refused(dataDir, /it is of format vpce-lab\/local-cloud-state@3, and this vpce-lab reads only vpce-lab\/local-cloud-state@2/);
  });

  test('a path that cannot be opened as a file', async () => {
    const dataDir = freshDir();
    mkdirSync(stateDatabasePath(dataDir));
    await refused(dataDir, /it cannot be opened \(unable to open database file\)/);
  });
});

test('a corrupt state.json of an earlier version is a clear error naming the file, and is not migrated', async () => {
  const dataDir = freshDir();
  writeFileSync(legacyStateFilePath(dataDir), '{"format": "vpce-lab/local-cloud-state@1", "tables": ');
  await expect(LocalCloud.start({ port: 0, dataDir })).rejects.toThrow(`The local cloud state file ${legacyStateFilePath(dataDir)} cannot be used: it is not valid JSON`);
});

test('a state.json of another format is refused too', async () => {
  const dataDir = freshDir();
  writeFileSync(legacyStateFilePath(dataDir), '{"hello": "world"}');
  await expect(LocalCloud.start({ port: 0, dataDir })).rejects.toThrow(/is not a vpce-lab\/local-cloud-state@1 document/);
});
