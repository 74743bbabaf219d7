import type { State, Tag } from '@aws-sdk/client-ec2';
import type { Context } from 'aws-lambda';
import { runTags } from '../../functions/commons/lab-tags';

export const RUN_ID = 'lab-20261126-0112-ab12';
export const OTHER_RUN_ID = 'lab-20261126-0113-cd34';

/** The tags the lab puts on a resource of a run. */
export const tagsOf = (runId: string, logicalName = 'thing', expiresAt = '2026-11-26T03:12:00.000Z'): Tag[] => runTags({ runId, scenario: 'full', expiresAt }, logicalName);

/** An EC2-style service error as the SDK surfaces it: the AWS code as `name` and `Code`. */
export const ec2Error = (code: string, message = code): Error => Object.assign(new Error(message), { name: code, Code: code, $metadata: {} });

/** The Lambda context a handler is called with; the lab's steps read nothing from it. */
export const context = {} as Context;

/** ELBv2's DescribeTags over a table of ARN -> tags; an ARN not in it is refused as ELBv2 refuses a vanished one. */
export const describeTagsFrom =
  (tags: Record<string, Tag[]>, notFound: (message: string) => Error) =>
  (input: { ResourceArns?: string[] }) => {
    const arns = input.ResourceArns ?? [];
    const missing = arns.filter((arn) => !(arn in tags));
    if (missing.length > 0) throw notFound(`One or more resources not found: ${missing.join(', ')}`);
    return { TagDescriptions: arns.map((arn) => ({ ResourceArn: arn, Tags: tags[arn] })) };
  };

/** EC2 sends endpoint and connection states in lower camel case on the wire (`pendingAcceptance`), unlike the SDK's enum. */
export const wireState = (state: string): State => state as State;
