import { BAD_VALUE_LINES, refusalProblem } from './support/cli-bad-input';
import { answerProblem, type HostileRequest } from './support/hostile-requests';
import { MatrixFigures } from './support/matrix-figures';

/** The checks the hostile-input, CLI-input and figure drivers rely on, each shown to report a broken answer (and to pass a right one). */

const request: HostileRequest = { kind: 'bad query string', method: 'POST', path: '/', headers: {}, body: 'Action=%%%', expect: 'ec2' };

test.each([
  { answer: { status: 500, body: '<Response><Errors><Error><Code>InternalError</Code></Error></Errors></Response>' }, says: /HTTP 500/ },
  { answer: { status: 200, body: '<DescribeVpcsResponse/>' }, says: /HTTP 200/ },
  { answer: { status: 400, body: 'Bad Request' }, says: /not a ec2 error document/ },
])('a hostile request answered $answer.status "$answer.body" is reported', ({ answer, says }) => {
  expect(answerProblem(request, answer)).toMatch(says);
});

test('a hostile request answered 400 in the protocol’s own error form is not reported', () => {
  expect(answerProblem(request, { status: 400, body: '<Response><Errors><Error><Code>MalformedQueryString</Code><Message>bad</Message></Error></Errors><RequestID>1</RequestID></Response>' })).toBeUndefined();
});

const line = BAD_VALUE_LINES.find((candidate) => candidate.value !== undefined)!;

test.each([
  { what: 'a bad line that was accepted (exit 0)', result: { code: 0, stdout: '{}', stderr: '' }, says: /exit 0, not 2/ },
  { what: 'a refusal printed on stdout', result: { code: 2, stdout: 'error', stderr: 'error' }, says: /printed on stdout/ },
  { what: 'a refusal that does not say what is wrong', result: { code: 2, stdout: '', stderr: 'error: something' }, says: /the message does not (say|quote)/ },
])('$what is reported by the CLI-input check', ({ result, says }) => {
  expect(refusalProblem(line, result)).toMatch(says);
});

describe('the reliability figures', () => {
  const figures = () => new MatrixFigures({ 'injection points tried': { kind: 'planned' }, 'resources leaked': { kind: 'zero' } });

  test('a driver that planned nothing fails, however little it counted', () => {
    expect(figures().problems()).toEqual(['injection points tried: nothing was planned, so nothing was proven']);
  });

  test('a driver that counted less than its plan fails with both numbers; one that counted all of it holds', () => {
    const short = figures();
    short.plan('injection points tried', 93);
    short.count('injection points tried', 92);
    expect(short.problems()).toEqual(['injection points tried: 92 of the 93 planned']);
    short.count('injection points tried');
    expect(short.problems()).toEqual([]);
  });

  test('a figure that must be zero fails at one', () => {
    const leaked = figures();
    leaked.plan('injection points tried', 1);
    leaked.count('injection points tried');
    leaked.count('resources leaked');
    expect(leaked.problems()).toEqual(['resources leaked: 1, must be 0']);
  });
});
