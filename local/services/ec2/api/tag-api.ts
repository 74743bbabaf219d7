import type { CreateTagsRequest, DeleteTagsRequest, DescribeTagsRequest, DescribeTagsResult, TagDescription } from '@aws-sdk/client-ec2';
import { applyFilters } from '../../../cloud/filters';
import { paginate } from '../../../cloud/pagination';
import type { Tags } from '../../../cloud/tags';
import { missingParameter } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import type { Ec2Context } from '../model/ec2-context';
import { addTags, removeTags } from '../model/resource-tags';
import { DESCRIBE_PAGE, TAGS } from './modelled-members';
import { allTaggable, requireTaggable, type TaggableResource } from './taggable-resources';

/** A tag as DescribeTags lists it, with its resource's tags so that `tag:<key>` filters work on it. */
type ListedTag = Required<Pick<TagDescription, 'Key' | 'ResourceId' | 'ResourceType' | 'Value'>> & { tags: Tags };

const listTags = ({ resourceType, record }: TaggableResource): ListedTag[] =>
  Object.entries(record.tags).map(([Key, Value]) => ({ Key, Value, ResourceId: record.id, ResourceType: resourceType, tags: record.tags }));

export function tagOperations(context: Ec2Context): Record<string, Operation> {
  /** Every resource named, checked before any is changed. */
  const requireResources = (ids: readonly string[] | undefined): TaggableResource[] => {
    if (!ids || ids.length === 0) throw missingParameter('ResourceId');
    return ids.map((id) => requireTaggable(context, id));
  };
  return {
    CreateTags: operation(
      { Resources: true, Tags: TAGS, DryRun: true },
      (input: CreateTagsRequest): Record<string, never> => {
        const resources = requireResources(input.Resources);
        if (!input.Tags || input.Tags.length === 0) throw missingParameter('Tag');
        for (const { table, record } of resources) addTags(table, record, input.Tags);
        return {};
      },
    ),

    DeleteTags: operation(
      { Resources: true, Tags: TAGS, DryRun: true },
      (input: DeleteTagsRequest): Record<string, never> => {
        for (const { table, record } of requireResources(input.Resources)) removeTags(table, record, input.Tags);
        return {};
      },
    ),

    DescribeTags: operation(
      DESCRIBE_PAGE,
      (input: DescribeTagsRequest): DescribeTagsResult => {
        const listed = allTaggable(context)
          .flatMap(listTags)
          .sort((a, b) => a.ResourceId.localeCompare(b.ResourceId) || a.Key.localeCompare(b.Key));
        const filtered = applyFilters(listed, input.Filters, {
          'key': (tag) => tag.Key,
          'value': (tag) => tag.Value,
          'resource-id': (tag) => tag.ResourceId,
          'resource-type': (tag) => tag.ResourceType,
        });
        const page = paginate(filtered, input.MaxResults, input.NextToken, 'DescribeTags');
        return { Tags: page.items.map(({ Key, Value, ResourceId, ResourceType }) => ({ Key, Value, ResourceId, ResourceType })), NextToken: page.nextToken };
      },
    ),
  };
}
