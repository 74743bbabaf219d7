import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import validator from 'asl-validator';
import { LAB_FUNCTIONS } from '../../functions/handlers/lab-functions';
import { labSubstitutions, substitutePlaceholders } from '../../local/lab/lab-state-machines';

const DIRECTORY = join(__dirname, '../../statemachine');
const KEYS = ['lab-run', 'teardown', 'cleanup'];
const SETTINGS = { region: 'ap-northeast-2', accountId: '000000000000', functions: LAB_FUNCTIONS, directory: DIRECTORY, extra: {}, cleanupConcurrency: 5 };

const raw = (key: string): string => readFileSync(join(DIRECTORY, `${key}.asl.json`), 'utf8');
/** The definition as Step Functions receives it: every placeholder filled in, as the local cloud's loader and CloudFormation fill them. */
const deployed = (key: string): object => JSON.parse(substitutePlaceholders(raw(key), labSubstitutions(SETTINGS, KEYS), `${key}.asl.json`)) as object;

test.each(KEYS)('%s.asl.json is JSON as committed, every placeholder inside a string', (key) => {
  expect(() => JSON.parse(raw(key))).not.toThrow();
});

test.each(KEYS)('%s.asl.json, its placeholders filled in, is valid Amazon States Language (asl-validator)', (key) => {
  const result = validator(deployed(key));
  expect(result.errorsText()).toBe('');
  expect(result.isValid).toBe(true);
});

test.each<[string, (states: Record<string, Record<string, unknown>>) => void, string]>([
  ['a Next that names no state', (states) => (states.CleanupSettings!.Next = 'NoSuchState'), 'NoSuchState'],
  ['a concurrency path that is not a path', (states) => (states.TearDownExpiredRuns!.MaxConcurrencyPath = 'not a path'), 'MaxConcurrencyPath'],
  ['a concurrency that is text', (states) => (states.TearDownExpiredRuns!.MaxConcurrency = '5'), 'MaxConcurrency'],
])('the validator fires on a broken definition: %s', (_case, breakIt, named) => {
  const broken = deployed('cleanup') as { States: Record<string, Record<string, unknown>> };
  breakIt(broken.States);
  const result = validator(broken);
  expect(result.isValid).toBe(false);
  expect(result.errorsText()).toContain(named);
});
