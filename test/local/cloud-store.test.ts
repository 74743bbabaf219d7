import { CreateSubnetCommand, CreateTagsCommand, CreateVpcCommand, DeleteVpcCommand } from '@aws-sdk/client-ec2';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudStore } from '../../local/cloud/cloud-store';
import { refused } from '../support/refused';
import { withOwnLocalCloud } from '../support/local-cloud-fixture';

interface Thing {
  readonly id: string;
  size: number;
}

const freshDir = () => mkdtempSync(join(tmpdir(), 'vpce-lab-store-'));

/** A store on disk holding 100 things, saved. */
function hundredThings(dataDir = freshDir()): { store: CloudStore; dataDir: string } {
  const store = CloudStore.open(dataDir);
  store.transaction(() => {
    for (let n = 0; n < 100; n++) store.table<Thing>('things').put({ id: `thing-${n}`, size: n });
  });
  return { store, dataDir };
}

test('a change writes only the rows it changed, in one transaction, however many rows the table holds', () => {
  const { store, dataDir } = hundredThings();
  expect(store.written).toMatchObject({ transactions: 1, rows: 100 });
  store.transaction(() => store.table<Thing>('things').update('thing-7', (thing) => (thing.size = 700)));
  store.transaction(() => store.table<Thing>('things').delete('thing-8'));
  expect(store.written).toMatchObject({ transactions: 3, rows: 102 });
  store.close();

  const reopened = CloudStore.open(dataDir);
  const things = reopened.table<Thing>('things');
  expect([things.get('thing-7')?.size, things.get('thing-8'), things.all().length]).toEqual([700, undefined, 99]);
  reopened.close();
});

test('a change that throws writes nothing, and puts back every row it changed', () => {
  const { store, dataDir } = hundredThings();
  const things = store.table<Thing>('things');
  const before = store.written;
  expect(() =>
    store.transaction(() => {
      things.update('thing-1', (thing) => (thing.size = -1));
      things.delete('thing-2');
      things.put({ id: 'thing-new', size: 1 });
      store.log<string>('notes').append('thing-1', 'changed');
      throw new Error('refused half-way');
    }),
  ).toThrow('refused half-way');
  expect(store.written).toEqual(before);
  store.flush();
  expect(store.written).toEqual(before);
  expect([things.get('thing-1')?.size, things.get('thing-2')?.size, things.get('thing-new'), store.log('notes').length('thing-1')]).toEqual([1, 2, undefined, 0]);
  store.close();

  const reopened = CloudStore.open(dataDir);
  expect(reopened.table<Thing>('things').get('thing-1')?.size).toBe(1);
  reopened.close();
});

test('a log entry is written once, when appended: a longer history never rewrites the entries it already has', () => {
  const dataDir = freshDir();
  const store = CloudStore.open(dataDir);
  const history = store.log<{ n: number }>('history');
  for (let n = 1; n <= 50; n++) history.append('run-a', { n });
  store.flush();
  expect(store.written).toMatchObject({ transactions: 1, rows: 50 });
  history.append('run-a', { n: 51 });
  store.flush();
  expect(store.written).toMatchObject({ transactions: 2, rows: 51 });
  store.close();

  const reopened = CloudStore.open(dataDir);
  const kept = reopened.log<{ n: number }>('history');
  kept.append('run-a', { n: 52 });
  expect(kept.length('run-a')).toBe(52);
  // Saved entries and one not yet saved read as one list, in either order.
  expect(kept.entries('run-a').slice(49, 52).map((entry) => entry.n)).toEqual([50, 51, 52]);
  expect(kept.entries('run-a', true).slice(0, 3).map((entry) => entry.n)).toEqual([52, 51, 50]);
  expect(kept.entries('run-b').slice()).toEqual([]);
  reopened.close();
});

test('through the SDK: a call writes the rows of what it changed, a refused call writes nothing', async () => {
  await withOwnLocalCloud(
    async ({ cloud, ec2 }) => {
      const store = cloud.runtime.store;
      const vpcs: string[] = [];
      for (let n = 0; n < 30; n++) vpcs.push((await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${n}.0.0/16` }))).Vpc!.VpcId!);
      await ec2.send(new CreateSubnetCommand({ VpcId: vpcs[0], CidrBlock: '10.0.1.0/24' }));
      // What the clock made due (the VPCs and the subnet becoming available) is its own transaction, taken first.
      cloud.settle();

      const before = store.written;
      await ec2.send(new CreateTagsCommand({ Resources: [vpcs[5]!], Tags: [{ Key: 'k', Value: 'v' }] }));
      expect(store.written.transactions - before.transactions).toBe(1);
      expect(store.written.rows - before.rows).toBe(1);

      const beforeRefusal = store.written;
      expect((await refused(ec2.send(new DeleteVpcCommand({ VpcId: vpcs[0] })))).name).toBe('DependencyViolation');
      expect(store.written).toEqual(beforeRefusal);
    },
    { dataDir: freshDir() },
  );
});
