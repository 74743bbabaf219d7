import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { substitutePlaceholders } from '../../local/lab/lab-state-machines';

/**
 * A state machine file with its `${…}` placeholders filled in by the local
 * cloud's own loader (text substitution, as CloudFormation's
 * DefinitionSubstitutions do), then parsed.
 */
export function aslDefinition(file: string, substitutions: Record<string, string | number>): StateMachineDefinition {
  const text = readFileSync(join(__dirname, '../../statemachine', file), 'utf8');
  const values = Object.fromEntries(Object.entries(substitutions).map(([key, value]) => [key, String(value)]));
  return JSON.parse(substitutePlaceholders(text, values, file)) as StateMachineDefinition;
}

export const functionArn = (id: string): string => `arn:aws:lambda:ap-northeast-2:000000000000:function:vpce-lab-${id}`;
