import { z } from 'zod';
import { RUN_ID_PATTERN } from '../lab-run';

/**
 * What every teardown step is given: the run id alone. Everything to delete
 * is found from the run's tags, so a half-built run, a run whose workflow
 * state is lost, or one found by scheduled cleanup are torn down alike.
 */
export const teardownInputSchema = z.strictObject({
  runId: z.string().regex(RUN_ID_PATTERN, 'a run id looks like lab-20261126-0112-ab12'),
});
export type TeardownInput = z.infer<typeof teardownInputSchema>;
