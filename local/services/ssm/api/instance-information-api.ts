import type { DescribeInstanceInformationRequest, DescribeInstanceInformationResult, InstanceInformation } from '@aws-sdk/client-ssm';
import type { RequestContext } from '../../../protocol/http-answer';
import { ServiceError } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { instanceHostname } from '../../../network/dns-resolver';
import type { InstanceRecord } from '../../ec2/model/ec2-records';
import { managedNodes } from '../model/managed-nodes';
import { amazonLinuxImage } from '../model/public-parameters';
import type { SsmContext } from '../model/ssm-context';
import { ssmPage } from './ssm-validation';

/** The SSM Agent release the local cloud's instances run. */
export const AGENT_VERSION = '3.3.1142.0';

type Node = { readonly instance: InstanceRecord; readonly information: InstanceInformation };

/** What each filter key reads from a node; `tag:<key>` and `tag-key` read the instance's tags. */
const FIELDS: Readonly<Record<string, (node: Node) => readonly (string | undefined)[]>> = {
  InstanceIds: ({ information }) => [information.InstanceId],
  AgentVersion: ({ information }) => [information.AgentVersion],
  PingStatus: ({ information }) => [information.PingStatus],
  PlatformTypes: ({ information }) => [information.PlatformType],
  ResourceType: ({ information }) => [information.ResourceType],
  SourceIds: ({ information }) => [information.SourceId],
  SourceTypes: ({ information }) => [information.SourceType],
  AssociationStatus: ({ information }) => [information.AssociationStatus],
  ActivationIds: ({ information }) => [information.ActivationId],
  IamRole: ({ information }) => [information.IamRole],
  'tag-key': ({ instance }) => Object.keys(instance.tags),
};

/** The keys of the legacy `InstanceInformationFilterList`, which knows no tags. */
const LEGACY_KEYS = ['ActivationIds', 'AgentVersion', 'AssociationStatus', 'IamRole', 'InstanceIds', 'PingStatus', 'PlatformTypes', 'ResourceType'];

interface Filter {
  readonly key: string;
  readonly values: readonly string[];
}

function matcher(filter: Filter): (node: Node) => boolean {
  if (filter.values.length === 0) throw new ServiceError('InvalidInstanceInformationFilterValue', `The filter ${filter.key} needs at least one value.`);
  const read = filter.key.startsWith('tag:') ? ({ instance }: Node) => [instance.tags[filter.key.slice(4)]] : Object.hasOwn(FIELDS, filter.key) ? FIELDS[filter.key] : undefined;
  if (!read) throw new ServiceError('InvalidFilterKey', `The filter key ${filter.key} is not valid.`);
  return (node) => read(node).some((value) => value !== undefined && filter.values.includes(value));
}

function filtersOf(input: DescribeInstanceInformationRequest): Filter[] {
  const { Filters: filters, InstanceInformationFilterList: legacy } = input;
  if (filters?.length && legacy?.length) throw new ServiceError('InvalidFilterKey', 'InstanceInformationFilterList and Filters cannot be used in the same request.');
  if (legacy?.length) {
    return legacy.map(({ key = '', valueSet = [] }) => {
      if (!LEGACY_KEYS.includes(key)) throw new ServiceError('InvalidFilterKey', `The filter key ${key} is not valid.`);
      return { key, values: valueSet };
    });
  }
  return (filters ?? []).map(({ Key = '', Values = [] }) => ({ key: Key, values: Values }));
}

function information(context: SsmContext, instance: InstanceRecord): InstanceInformation {
  return {
    InstanceId: instance.id,
    PingStatus: 'Online',
    LastPingDateTime: new Date(context.runtime.clock.now()),
    AgentVersion: AGENT_VERSION,
    IsLatestVersion: false,
    PlatformType: 'Linux',
    PlatformName: 'Amazon Linux',
    PlatformVersion: amazonLinuxImage(instance.region, instance.imageId)?.amazonLinuxVersion ?? '2023',
    ResourceType: 'EC2Instance',
    IPAddress: instance.privateIpAddress,
    ComputerName: instanceHostname(instance),
    SourceId: instance.id,
    SourceType: 'AWS::EC2::Instance',
  };
}

/** Managed nodes as SSM lists them: only instances whose agent is online, 10 a page unless asked otherwise. */
export function instanceInformationOperations(context: SsmContext): Record<string, Operation> {
  return {
    DescribeInstanceInformation: operation(
      { Filters: { Key: true, Values: true }, InstanceInformationFilterList: { key: true, valueSet: true }, MaxResults: true, NextToken: true },
      (input: DescribeInstanceInformationRequest, request: RequestContext): DescribeInstanceInformationResult => {
        const matchers = filtersOf(input).map(matcher);
        const nodes = managedNodes(context, request.region)
          .map((instance) => ({ instance, information: information(context, instance) }))
          .filter((node) => matchers.every((matches) => matches(node)));
        const page = ssmPage(nodes, input.MaxResults, { min: 5, max: 50, default: 10 }, input.NextToken, 'DescribeInstanceInformation');
        return { InstanceInformationList: page.items.map((node) => node.information), NextToken: page.nextToken };
      },
    ),
  };
}
