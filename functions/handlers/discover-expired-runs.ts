import { labStep } from '../commons/lab-step';
import { discoverExpiredRuns, discoverExpiredRunsInputSchema } from '../lab/cleanup/discover-expired-runs';

export const handler = labStep('DiscoverExpiredRuns', discoverExpiredRunsInputSchema, discoverExpiredRuns);
