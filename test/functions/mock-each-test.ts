import { mockClient } from 'aws-sdk-client-mock';

/** An SDK client mocked for a step's tests: reset, and the region set as Lambda sets it, before each test. */
export const mockEachTest: typeof mockClient = (client) => {
  const mock = mockClient(client);
  beforeEach(() => {
    mock.reset();
    process.env.AWS_REGION = 'ap-northeast-2';
  });
  return mock;
};
