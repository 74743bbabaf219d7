import { DescribeNetworkInterfacesCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { handler } from '../../functions/handlers/await-network-interfaces-released';
import { mockEachTest } from './mock-each-test';
import { context, RUN_ID } from './teardown-fixtures';

const ec2 = mockEachTest(EC2Client);
beforeEach(() => {
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0a' }, { VpcId: 'vpc-0b' }] });
});

test("DependencyStillPresent names each interface still in the run's VPCs, with what it belonged to", async () => {
  ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [{ NetworkInterfaceId: 'eni-0a', Status: 'in-use', Description: 'ELB net/web/0123456789abcdef' }] });
  await expect(handler({ runId: RUN_ID }, context)).rejects.toMatchObject({
    name: 'DependencyStillPresent',
    message: expect.stringContaining('eni-0a (in-use, ELB net/web/0123456789abcdef)'),
  });
  expect(ec2.commandCalls(DescribeNetworkInterfacesCommand)[0]?.args[0].input.Filters).toEqual([{ Name: 'vpc-id', Values: ['vpc-0a', 'vpc-0b'] }]);
});

test('done once the VPCs hold no interface, or the run has no VPC left', async () => {
  ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({});
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
  ec2.resetHistory();
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({});
  expect(ec2.commandCalls(DescribeNetworkInterfacesCommand)).toHaveLength(0);
});
