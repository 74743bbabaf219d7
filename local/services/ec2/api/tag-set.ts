import { type Tags, tagList } from '../../../cloud/tags';

/** A resource's tags as EC2 lists them: absent, rather than empty, when it has none. */
export const tagSet = (tags: Tags | undefined): { Key: string; Value: string }[] | undefined =>
  tags && Object.keys(tags).length > 0 ? tagList(tags) : undefined;
