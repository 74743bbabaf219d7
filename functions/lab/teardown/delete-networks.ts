import {
  DeleteInternetGatewayCommand,
  DeleteRouteTableCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
  type InternetGateway,
} from '@aws-sdk/client-ec2';
import { awsErrorCode } from '../../commons/aws-error-code';
import type { StepDependencies } from '../../commons/lab-step';
import { type DeleteResults, deleteAll, requireNothingHeld } from './dependency-refusals';
import { type RunNetworks, runNetworks } from './run-networks';
import type { TeardownInput } from './teardown-input';

export interface DeletedNetworks {
  readonly vpcIds: string[];
  readonly subnetIds: string[];
  readonly routeTableIds: string[];
  readonly internetGatewayIds: string[];
  readonly securityGroupIds: string[];
}

/** The run's pieces inside one VPC (the VPC itself only when it is the run's too; `''` for detached gateways). */
interface VpcPieces {
  readonly vpcId: string;
  readonly ownsVpc: boolean;
  readonly subnetIds: string[];
  readonly routeTableIds: string[];
  readonly internetGateways: InternetGateway[];
  readonly securityGroupIds: string[];
}

function piecesByVpc(networks: RunNetworks): VpcPieces[] {
  const ownVpcIds = new Set(networks.vpcs.map((vpc) => vpc.VpcId));
  const byVpc = new Map<string, VpcPieces>();
  const pieces = (vpcId: string | undefined): VpcPieces => {
    const key = vpcId ?? '';
    const found = byVpc.get(key) ?? { vpcId: key, ownsVpc: ownVpcIds.has(key), subnetIds: [], routeTableIds: [], internetGateways: [], securityGroupIds: [] };
    byVpc.set(key, found);
    return found;
  };
  for (const vpc of networks.vpcs) pieces(vpc.VpcId);
  for (const subnet of networks.subnets) if (subnet.SubnetId) pieces(subnet.VpcId).subnetIds.push(subnet.SubnetId);
  for (const table of networks.routeTables) if (table.RouteTableId) pieces(table.VpcId).routeTableIds.push(table.RouteTableId);
  for (const gateway of networks.internetGateways) pieces(gateway.Attachments?.[0]?.VpcId).internetGateways.push(gateway);
  for (const group of networks.securityGroups) if (group.GroupId) pieces(group.VpcId).securityGroupIds.push(group.GroupId);
  return [...byVpc.values()];
}

/** Detaches a gateway from the VPC it is attached to (already detached is fine), then deletes it. */
async function removeInternetGateway(ec2: EC2Client, gateway: InternetGateway): Promise<void> {
  const internetGatewayId = gateway.InternetGatewayId;
  for (const attachment of gateway.Attachments ?? []) {
    try {
      await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: internetGatewayId, VpcId: attachment.VpcId }));
    } catch (error) {
      if (awsErrorCode(error) !== 'Gateway.NotAttached') throw error;
    }
  }
  await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: internetGatewayId }));
}

/**
 * One VPC's pieces in dependency order: subnets, route tables, internet
 * gateways, security groups, then the VPC. A stage with a piece still held
 * stops this VPC (what comes after depends on it), not the others.
 */
async function deleteVpcPieces(ec2: EC2Client, pieces: VpcPieces, deleted: DeletedNetworks): Promise<string[]> {
  const deleteIds = (ids: readonly string[], kind: string, remove: (id: string) => Promise<unknown>) => deleteAll(ids, (id) => ({ id, what: `${kind} ${id}` }), remove);
  const stages: [string[], () => Promise<DeleteResults>][] = [
    [deleted.subnetIds, () => deleteIds(pieces.subnetIds, 'subnet', (SubnetId) => ec2.send(new DeleteSubnetCommand({ SubnetId })))],
    [deleted.routeTableIds, () => deleteIds(pieces.routeTableIds, 'route table', (RouteTableId) => ec2.send(new DeleteRouteTableCommand({ RouteTableId })))],
    [
      deleted.internetGatewayIds,
      () =>
        deleteAll(
          pieces.internetGateways,
          (gateway) => ({ id: gateway.InternetGatewayId ?? '', what: `internet gateway ${gateway.InternetGatewayId}` }),
          (gateway) => removeInternetGateway(ec2, gateway),
        ),
    ],
    [deleted.securityGroupIds, () => deleteIds(pieces.securityGroupIds, 'security group', (GroupId) => ec2.send(new DeleteSecurityGroupCommand({ GroupId })))],
    [deleted.vpcIds, () => deleteIds(pieces.ownsVpc ? [pieces.vpcId] : [], 'VPC', (VpcId) => ec2.send(new DeleteVpcCommand({ VpcId })))],
  ];
  for (const [into, stage] of stages) {
    const results = await stage();
    into.push(...results.deleted);
    if (results.held.length > 0) return results.held;
  }
  return [];
}

/**
 * Deletes the run's networks, VPC by VPC. Anything EC2 refuses with
 * DependencyViolation becomes DependencyStillPresent naming what holds it;
 * what was deleted stays deleted and the retry carries on from there.
 */
export async function deleteNetworks({ runId }: TeardownInput, { clients }: StepDependencies): Promise<DeletedNetworks> {
  const deleted: DeletedNetworks = { vpcIds: [], subnetIds: [], routeTableIds: [], internetGatewayIds: [], securityGroupIds: [] };
  const held: string[] = [];
  for (const pieces of piecesByVpc(await runNetworks(clients.ec2, runId))) held.push(...(await deleteVpcPieces(clients.ec2, pieces, deleted)));
  requireNothingHeld(held);
  return deleted;
}
