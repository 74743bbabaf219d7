import type { Tag } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { InputModel } from '../../../protocol/modelled-input';

export const TAGS: InputModel<Tag> = { Key: true, Value: true };
