import type { RunFailure } from '../follow/run-failure';
import { stepTitle } from './progress-view';

/** `DependencyViolation: The vpc 'vpc-…' has dependencies and cannot be deleted. (at Delete networks)` */
export const failureLine = (failure: RunFailure): string => `${failure.code}: ${failure.message}${failure.step ? ` (at ${stepTitle(failure.step)})` : ''}`;
