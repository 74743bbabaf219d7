import { CreateVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEGACY_STATE_FORMAT, type LegacyState, legacyStateFilePath } from '../../local/cloud/legacy-state-file';
import { StateDatabase } from '../../local/cloud/state-database';
import { stateDatabasePath } from '../../local/cloud/state-migration';
import { startLab } from '../support/local-lab-fixture';

const STATE_MACHINES = { echo: { StartAt: 'Answer', States: { Answer: { Type: 'Task', Resource: '${EchoFunctionArn}', End: true } } } };
const freshDir = () => mkdtempSync(join(tmpdir(), 'vpce-lab-migration-'));

/** The state of `dataDir` written as earlier versions wrote it: one state.json document, each history one record. */
function asLegacyDocument(dataDir: string): LegacyState {
  const db = StateDatabase.open(stateDatabasePath(dataDir), { readOnly: true });
  const { rows, logs } = db.contents();
  db.close();
  const { 'cloud.scheduled': scheduled = {}, 'cloud.clientTokens': tokens = {}, 'cloud.counters': counters = {}, ...tables } = rows;
  const histories = Object.fromEntries(Object.entries(logs['states.history'] ?? {}).map(([arn, events]) => [arn, { id: arn, events }]));
  return {
    format: LEGACY_STATE_FORMAT,
    tables: { ...tables, 'states.histories': histories },
    scheduled: Object.values(scheduled as Record<string, { seq: number; due: number; type: string; payload: Record<string, string> }>).map(({ seq, due, type, payload }) => ({ id: seq, due, type, payload })),
    idempotency: Object.fromEntries(Object.values(tokens as Record<string, { id: string; fingerprint: string; resourceId: string }>).map(({ id, ...token }) => [id, token])),
    nextEventId: (counters['scheduler.nextEventId'] as { value: number }).value,
  };
}

test('a state.json of an earlier version is moved into state.db on first start, said in one line, and kept as state.json.migrated', async () => {
  const earlierDir = freshDir();
  const before = await startLab({ dataDir: earlierDir, extraStateMachines: STATE_MACHINES });
  const { Vpc } = await before.ec2.send(new CreateVpcCommand({ CidrBlock: '10.3.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'made', Value: 'before' }] }] }));
  const done = await before.start('echo', { step: 1 });
  await before.finished(done);
  const history = await before.history(done);
  await before.lab.close();
  const legacy = asLegacyDocument(earlierDir);

  const dataDir = freshDir();
  writeFileSync(legacyStateFilePath(dataDir), JSON.stringify(legacy));
  const after = await startLab({ dataDir, extraStateMachines: STATE_MACHINES });
  try {
    const said = after.logs.filter((line) => line.includes('state.json'));
    expect(said).toEqual([expect.stringMatching(new RegExp(`^Moved the local cloud state from ${legacyStateFilePath(dataDir)} into the SQLite database ${stateDatabasePath(dataDir)} \\(\\d+ rows, ${history.length} history events\\); the old file is kept as ${legacyStateFilePath(dataDir)}\\.migrated$`))]);
    expect([existsSync(legacyStateFilePath(dataDir)), existsSync(`${legacyStateFilePath(dataDir)}.migrated`), existsSync(stateDatabasePath(dataDir))]).toEqual([false, true, true]);
    const { Vpcs } = await after.ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] }));
    expect(Vpcs?.[0]).toMatchObject({ VpcId: Vpc?.VpcId, Tags: [{ Key: 'made', Value: 'before' }] });
    expect(await after.describe(done)).toMatchObject({ status: 'SUCCEEDED', output: '{"echoed":{"step":1}}' });
    expect(await after.history(done)).toEqual(history);
    const newestFirst = await after.sfn.send(new GetExecutionHistoryCommand({ executionArn: done, reverseOrder: true, maxResults: 2 }));
    expect(newestFirst.events?.map((event) => event.id)).toEqual([history.length, history.length - 1]);
  } finally {
    await after.lab.close();
  }

  const again = await startLab({ dataDir, extraStateMachines: STATE_MACHINES });
  try {
    expect(again.logs.filter((line) => line.includes('state.json'))).toEqual([]);
    expect(await again.history(done)).toEqual(history);
  } finally {
    await again.lab.close();
  }
});
