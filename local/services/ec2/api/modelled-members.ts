import type { Filter, Tag, TagSpecification } from '@aws-sdk/client-ec2';
import type { InputModel } from '../../../protocol/modelled-input';

/** `Filters` of a Describe call: every name is read, and `applyFilters` refuses one it does not know. */
export const FILTERS: InputModel<Filter> = { Name: true, Values: true };

/** What every paged Describe call reads besides its ids: filters, paging and `DryRun`. */
export const DESCRIBE_PAGE = { Filters: FILTERS, MaxResults: true, NextToken: true, DryRun: true } as const;

export const TAGS: InputModel<Tag> = { Key: true, Value: true };

/** `TagSpecifications` of a create: `tagsFromSpecifications` refuses a resource type the call does not create. */
export const TAG_SPECIFICATIONS: InputModel<TagSpecification> = { ResourceType: true, Tags: TAGS };
