import { escapedForRegExp } from '../../functions/commons/escaped-for-regexp';
import type { NamedPolicy } from './principal';

interface Statement {
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
}

/**
 * "You can use wildcards (`*` or `?`)… action names are not case sensitive"
 * (IAM User Guide, "IAM JSON policy elements: Action").
 */
const actionPattern = (pattern: string): RegExp =>
  new RegExp(`^${pattern.split(/([*?])/).map((part) => (part === '*' ? '.*' : part === '?' ? '.' : escapedForRegExp(part))).join('')}$`, 'i');

const listOf = (value: string | readonly string[]): readonly string[] => (typeof value === 'string' ? [value] : value);

/**
 * A statement whose `Action` names none that matches `action` neither allows
 * nor denies it (IAM User Guide, "Policy evaluation logic": a statement
 * applies only to a request that matches its action, resource and
 * conditions), so the evaluator is given the others only. A `NotAction`
 * statement, or one of another shape, is kept for the evaluator to judge.
 * This changes no decision; it spares evaluating every statement of a role
 * on every call, which the evaluator does in full for each one.
 */
export function statementsForAction(policies: readonly NamedPolicy[], action: string): NamedPolicy[] {
  return policies.map((named) => ({
    name: named.name,
    policy: {
      ...named.policy,
      Statement: named.policy.Statement.filter((statement) => {
        const { Action } = statement as Statement;
        return Action === undefined || listOf(Action).some((pattern) => actionPattern(pattern).test(action));
      }),
    },
  }));
}
