import type { DescribePrefixListsRequest, DescribePrefixListsResult } from '@aws-sdk/client-ec2';
import { applyFilters } from '../../../cloud/filters';
import type { Tags } from '../../../cloud/tags';
import { paginate } from '../../../cloud/pagination';
import type { RequestContext } from '../../../protocol/http-answer';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type AwsPrefixList, awsPrefixLists } from '../model/aws-prefix-lists';
import { DESCRIBE_PAGE } from './modelled-members';
import { notFound } from '../model/ec2-errors';

export const prefixListNotFound = (id: string) => notFound('InvalidPrefixListID.NotFound', 'prefix list', id);

export function prefixListOperations(): Record<string, Operation> {
  return {
    DescribePrefixLists: operation(
      { PrefixListIds: true, ...DESCRIBE_PAGE },
      (input: DescribePrefixListsRequest, request: RequestContext): DescribePrefixListsResult => {
        const lists = awsPrefixLists(request.region);
        const ids = input.PrefixListIds ?? [];
        const unknown = ids.find((id) => !lists.some((list) => list.id === id));
        if (unknown !== undefined) throw prefixListNotFound(unknown);
        const named = ids.length === 0 ? lists : lists.filter((list) => ids.includes(list.id));
        // Nothing AWS-managed here carries tags, so `tag:` filters match nothing.
        const filtered = applyFilters<AwsPrefixList & { tags?: Tags }>(named, input.Filters, {
          'prefix-list-id': (list) => list.id,
          'prefix-list-name': (list) => list.name,
        });
        const page = paginate(filtered, input.MaxResults, input.NextToken, 'DescribePrefixLists');
        return { PrefixLists: page.items.map((list) => ({ PrefixListId: list.id, PrefixListName: list.name, Cidrs: [...list.cidrs] })), NextToken: page.nextToken };
      },
    ),
  };
}
