import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { LocalCloud } from '../../local/local-cloud';
import { stateFilePath } from '../../local/cloud/state-file';
import { startLocalCloud } from '../support/local-cloud-fixture';

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

test('a corrupt state file is a clear error naming the file, never a silent reset', async () => {
  const dataDir = freshDir();
  writeFileSync(stateFilePath(dataDir), '{"format": "vpce-lab/local-cloud-state@1", "tables": ');
  await expect(LocalCloud.start({ port: 0, dataDir })).rejects.toThrow(`The local cloud state file ${stateFilePath(dataDir)} cannot be used`);
});

test('a state file of another format is refused too', async () => {
  const dataDir = freshDir();
  writeFileSync(stateFilePath(dataDir), '{"hello": "world"}');
  await expect(LocalCloud.start({ port: 0, dataDir })).rejects.toThrow(/is not a vpce-lab\/local-cloud-state@1 document/);
});
