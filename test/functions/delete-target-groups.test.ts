import {
  DeleteTargetGroupCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ResourceInUseException,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { handler } from '../../functions/handlers/delete-target-groups';
import { mockEachTest } from './mock-each-test';
import { context, describeTagsFrom, OTHER_RUN_ID, RUN_ID, tagsOf } from './teardown-fixtures';

const elbv2 = mockEachTest(ElasticLoadBalancingV2Client);
const arn = (name: string) => `arn:aws:elasticloadbalancing:ap-northeast-2:000000000000:targetgroup/${name}/0123456789abcdef`;

beforeEach(() => {
  elbv2.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: ['web', 'spare', 'untagged', 'theirs'].map((name) => ({ TargetGroupArn: arn(name), TargetGroupName: name })),
  });
  elbv2.on(DescribeTagsCommand).callsFake(
    describeTagsFrom(
      { [arn('web')]: tagsOf(RUN_ID, 'web'), [arn('spare')]: tagsOf(RUN_ID, 'spare'), [arn('untagged')]: [], [arn('theirs')]: tagsOf(OTHER_RUN_ID, 'web') },
      (message) => new TargetGroupNotFoundException({ message, $metadata: {} }),
    ),
  );
  elbv2.on(DeleteTargetGroupCommand).resolves({});
});

test("deletes only the run's target groups", async () => {
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ targetGroupArns: [arn('web'), arn('spare')] });
  expect(elbv2.commandCalls(DeleteTargetGroupCommand).map((call) => call.args[0].input.TargetGroupArn)).toEqual([arn('web'), arn('spare')]);
});

test('a group a listener still uses is DependencyStillPresent; the others are deleted meanwhile', async () => {
  elbv2.on(DeleteTargetGroupCommand, { TargetGroupArn: arn('web') }).rejects(new ResourceInUseException({ message: 'in use by a listener', $metadata: {} }));
  await expect(handler({ runId: RUN_ID }, context)).rejects.toMatchObject({ name: 'DependencyStillPresent', message: expect.stringContaining('target group web: ResourceInUse') });
  expect(elbv2.commandCalls(DeleteTargetGroupCommand)).toHaveLength(2);
});

test('a group already gone is done', async () => {
  elbv2.on(DeleteTargetGroupCommand, { TargetGroupArn: arn('spare') }).rejects(new TargetGroupNotFoundException({ message: 'gone', $metadata: {} }));
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ targetGroupArns: [arn('web')] });
});
