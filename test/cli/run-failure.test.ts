import { causeMessage } from '../../cli/follow/run-failure';

test("a Lambda failure's cause is read for its errorMessage, without the trace", () => {
  const cause = JSON.stringify({ errorType: 'DependencyViolation', errorMessage: "The vpc 'vpc-1' has dependencies and cannot be deleted.", trace: ['DependencyViolation: …', '    at deleteNetworks (functions/lab/teardown/delete-networks.ts:40:7)'] });

  expect(causeMessage(cause)).toBe("The vpc 'vpc-1' has dependencies and cannot be deleted.");
});

test("a nested execution's failure is read down to the error inside it", () => {
  const inner = JSON.stringify({ errorType: 'UnauthorizedOperation', errorMessage: 'You are not authorized to perform this operation.', trace: [] });
  const cause = JSON.stringify({ Status: 'FAILED', Error: 'UnauthorizedOperation', Cause: inner });

  expect(causeMessage(cause)).toBe('UnauthorizedOperation: You are not authorized to perform this operation.');
});

test("a workflow's own plain-text cause is its first line", () => {
  expect(causeMessage('At least one lesson did not show what it teaches.\nsecond line')).toBe('At least one lesson did not show what it teaches.');
  expect(causeMessage(undefined)).toBe('');
});
