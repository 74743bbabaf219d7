import type { CloudStore, Table } from '../../../cloud/cloud-store';
import type {
  ConnectionNotificationRecord,
  EndpointServiceRecord,
  InstanceRecord,
  InternetGatewayRecord,
  NetworkInterfaceRecord,
  RouteTableRecord,
  SecurityGroupRecord,
  SubnetRecord,
  VpcEndpointRecord,
  VpcRecord,
} from './ec2-records';

/** The EC2 tables of the state, typed. */
export interface Ec2Tables {
  readonly vpcs: Table<VpcRecord>;
  readonly subnets: Table<SubnetRecord>;
  readonly internetGateways: Table<InternetGatewayRecord>;
  readonly routeTables: Table<RouteTableRecord>;
  readonly securityGroups: Table<SecurityGroupRecord>;
  readonly networkInterfaces: Table<NetworkInterfaceRecord>;
  readonly instances: Table<InstanceRecord>;
  readonly vpcEndpoints: Table<VpcEndpointRecord>;
  readonly endpointServices: Table<EndpointServiceRecord>;
  readonly connectionNotifications: Table<ConnectionNotificationRecord>;
}

export const ec2Tables = (store: CloudStore): Ec2Tables => ({
  vpcs: store.table('ec2.vpcs'),
  subnets: store.table('ec2.subnets'),
  internetGateways: store.table('ec2.internetGateways'),
  routeTables: store.table('ec2.routeTables'),
  securityGroups: store.table('ec2.securityGroups'),
  networkInterfaces: store.table('ec2.networkInterfaces'),
  instances: store.table('ec2.instances'),
  vpcEndpoints: store.table('ec2.vpcEndpoints'),
  endpointServices: store.table('ec2.endpointServices'),
  connectionNotifications: store.table('ec2.connectionNotifications'),
});
