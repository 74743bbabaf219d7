import type { AddTagsInput, DescribeTagsInput, DescribeTagsOutput } from '@aws-sdk/client-elastic-load-balancing-v2';
import { tagList } from '../../../cloud/tags';
import type { RequestContext } from '../../../protocol/http-answer';
import { type Operation, operation } from '../../../protocol/service-provider';
import type { Elbv2Context } from '../model/elbv2-context';
import { missingMember, validationError } from '../model/elbv2-errors';
import { addTags, requireTaggable, tagsFromWire } from '../model/elbv2-tags';
import { TAGS } from './modelled-members';

/** The resources a tagging call names: 1 to 20 ARNs. */
function resourceArns(arns: readonly string[] | undefined): readonly string[] {
  if (!arns || arns.length === 0) throw missingMember('resourceArns');
  if (arns.length > 20) throw validationError('A tagging call names at most 20 resources');
  return arns;
}

export function tagOperations(context: Elbv2Context): Record<string, Operation> {
  return {
    AddTags: operation(
      { ResourceArns: true, Tags: TAGS },
      (input: AddTagsInput, request: RequestContext): Record<string, never> => {
        const records = requireTaggable(context, request.region, resourceArns(input.ResourceArns));
        if (!input.Tags || input.Tags.length === 0) throw missingMember('tags');
        addTags(context, records, tagsFromWire(input.Tags));
        return {};
      },
    ),

    DescribeTags: operation(
      { ResourceArns: true },
      (input: DescribeTagsInput, request: RequestContext): DescribeTagsOutput => ({
        TagDescriptions: requireTaggable(context, request.region, resourceArns(input.ResourceArns)).map((record) => ({ ResourceArn: record.id, Tags: tagList(record.tags) })),
      }),
    ),
  };
}
