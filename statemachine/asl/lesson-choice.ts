import type { ChoiceState } from './asl-types';

/** A fork on one of the plan's switches (`$.plan.lessons.service`, `$.run.keep`): `then` when it is true, else `otherwise`. */
export function whenTrue(variable: string, then: string, otherwise: string, comment?: string): ChoiceState {
  return {
    ...(comment === undefined ? {} : { Comment: comment }),
    Type: 'Choice',
    Choices: [{ Variable: variable, BooleanEquals: true, Next: then }],
    Default: otherwise,
  };
}
