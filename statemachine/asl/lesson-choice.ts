import type { ChoiceRule, ChoiceState } from './asl-types';

/** A fork on one of the plan's switches (`$.plan.lessons.service`, `$.run.keep`): `then` when it is true, else `otherwise`. */
export function whenTrue(variable: string, then: string, otherwise: string, comment?: string): ChoiceState {
  return {
    ...(comment === undefined ? {} : { Comment: comment }),
    Type: 'Choice',
    Choices: [{ Variable: variable, BooleanEquals: true, Next: then }],
    Default: otherwise,
  };
}

/**
 * A guided run (`$.run.guided`, absent for the others): a Choice on a path
 * that is not there fails the execution with States.Runtime, so its presence
 * is tested first.
 */
export const whenGuided = (next: string): ChoiceRule => ({
  And: [
    { Variable: '$.run.guided', IsPresent: true },
    { Variable: '$.run.guided', BooleanEquals: true },
  ],
  Next: next,
});
