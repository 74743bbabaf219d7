import { type EC2Client, type Filter, paginateDescribeInstances, paginateDescribeTags, paginateDescribeVpcEndpoints, paginateDescribeVpcEndpointServiceConfigurations } from '@aws-sdk/client-ec2';
import { TAG } from '../../functions/commons/lab-tags';
import { collect } from '../../functions/commons/collect-pages';
import { INSTANCE_NOT_TERMINATED } from '../../functions/lab/aws/ec2-states';
import type { RunResource } from './run-resource';


/**
 * The EC2 resources tagged with a run id (with `runId`, that run's; without,
 * every run's), from one tag listing. Instances, endpoints and endpoint
 * services keep their tags for a while after they are gone, so for those
 * kinds one more listing each (all runs at once, only when the tags name
 * such a resource) says which still exist.
 */
export async function ec2RunResources(ec2: EC2Client, runId?: string): Promise<RunResource[]> {
  const byRun: Filter[] = [{ Name: 'tag-key', Values: [TAG.runId] }, ...(runId ? [{ Name: `tag:${TAG.runId}`, Values: [runId] }] : [])];
  const tags = await collect(paginateDescribeTags({ client: ec2 }, { Filters: [{ Name: 'key', Values: [TAG.runId] }, ...(runId ? [{ Name: 'value', Values: [runId] }] : [])] }), (page) => page.Tags);
  const listed = tags.map((tag) => ({ runId: tag.Value ?? '', resourceType: String(tag.ResourceType ?? 'unknown'), resourceId: tag.ResourceId ?? '' }));
  const kinds = new Set(listed.map((resource) => resource.resourceType));
  const alive = new Map<string, Set<string>>();
  if (kinds.has('instance')) {
    const reservations = await collect(paginateDescribeInstances({ client: ec2 }, { Filters: [...byRun, { Name: 'instance-state-name', Values: [...INSTANCE_NOT_TERMINATED] }] }), (page) => page.Reservations);
    alive.set('instance', new Set(reservations.flatMap((reservation) => reservation.Instances ?? []).map((instance) => instance.InstanceId ?? '')));
  }
  if (kinds.has('vpc-endpoint')) {
    const endpoints = await collect(paginateDescribeVpcEndpoints({ client: ec2 }, { Filters: byRun }), (page) => page.VpcEndpoints);
    alive.set('vpc-endpoint', new Set(endpoints.filter((endpoint) => String(endpoint.State).toLowerCase() !== 'deleted').map((endpoint) => endpoint.VpcEndpointId ?? '')));
  }
  if (kinds.has('vpc-endpoint-service')) {
    const services = await collect(paginateDescribeVpcEndpointServiceConfigurations({ client: ec2 }, { Filters: byRun }), (page) => page.ServiceConfigurations);
    alive.set('vpc-endpoint-service', new Set(services.filter((service) => String(service.ServiceState).toLowerCase() !== 'deleted').map((service) => service.ServiceId ?? '')));
  }
  return listed.filter((resource) => alive.get(resource.resourceType)?.has(resource.resourceId) ?? true);
}
