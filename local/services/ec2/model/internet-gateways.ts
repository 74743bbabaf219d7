import { newId } from '../../../cloud/ids';
import type { Tags } from '../../../cloud/tags';
import { invalidParameterValue, ServiceError } from '../../../protocol/service-error';
import { type Ec2Context, recordBase } from './ec2-context';
import type { InternetGatewayRecord, VpcRecord } from './ec2-records';
import { dependencyViolation } from './ec2-errors';
import { requireQuotaHeadroom } from '../../servicequotas/model/applied-quotas';
import { modelledQuota } from '../../servicequotas/model/default-quotas';

const INTERNET_GATEWAYS_PER_REGION = modelledQuota('vpc', 'L-A4707A72');

/**
 * The account's "Internet gateways per Region" quota (default 5, the default
 * VPC's gateway counted) holds at CreateInternetGateway:
 * "InternetGatewayLimitExceeded: You've reached the limit on the number of
 * internet gateways that you can create" (EC2 API Reference, Error codes).
 * The message follows VpcLimitExceeded's, as AWS answers it: this one's own
 * wording was not found.
 */
export function createInternetGateway(context: Ec2Context, region: string, tags: Tags): InternetGatewayRecord {
  const inRegion = context.tables.internetGateways.all().filter((gateway) => gateway.region === region).length;
  requireQuotaHeadroom(context.runtime.store, INTERNET_GATEWAYS_PER_REGION, inRegion, () => new ServiceError('InternetGatewayLimitExceeded', 'The maximum number of internet gateways has been reached.'));
  return context.tables.internetGateways.put({ ...recordBase(context, newId('igw'), region, tags) });
}

/** The gateway attached to a VPC, if any. */
export const gatewayOfVpc = (context: Ec2Context, vpcId: string): InternetGatewayRecord | undefined =>
  context.tables.internetGateways.all().find((gateway) => gateway.attachedVpcId === vpcId);

/** Attaches a detached gateway to a VPC that has none: each side takes at most one. */
export function attachInternetGateway(context: Ec2Context, gateway: InternetGatewayRecord, vpc: VpcRecord): void {
  if (gateway.attachedVpcId) {
    throw new ServiceError('Resource.AlreadyAssociated', `resource ${gateway.id} is already attached to network ${gateway.attachedVpcId}`);
  }
  if (gatewayOfVpc(context, vpc.id)) throw invalidParameterValue(`Network ${vpc.id} already has an internet gateway attached`);
  context.tables.internetGateways.update(gateway.id, (record) => (record.attachedVpcId = vpc.id));
}

/**
 * Detaches a gateway from its VPC. EC2 refuses while anything in the VPC has a
 * public address, since that address would no longer be reachable.
 */
export function detachInternetGateway(context: Ec2Context, gateway: InternetGatewayRecord, vpc: VpcRecord): void {
  if (gateway.attachedVpcId !== vpc.id) throw new ServiceError('Gateway.NotAttached', `resource ${gateway.id} is not attached to network ${vpc.id}`);
  const mapped = context.tables.networkInterfaces.all().some((eni) => eni.vpcId === vpc.id && eni.publicIp);
  if (mapped) {
    throw dependencyViolation(`Network ${vpc.id} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`);
  }
  context.tables.internetGateways.update(gateway.id, (record) => delete record.attachedVpcId);
}

export function deleteInternetGateway(context: Ec2Context, gateway: InternetGatewayRecord): void {
  if (gateway.attachedVpcId) throw dependencyViolation(`The internetGateway '${gateway.id}' has dependencies and cannot be deleted.`);
  context.tables.internetGateways.delete(gateway.id);
}
