import type { SNSEvent } from 'aws-lambda';

const received: SNSEvent[] = [];
let failuresLeft = 0;

/** The SNS events delivered so far (tests read them). */
export const receivedEvents = (): readonly SNSEvent[] => received;

/** Makes the next `count` deliveries fail, as a function that cannot reach EC2 would. */
export const failNext = (count: number): void => {
  failuresLeft = count;
};

/** Stand-in for AcceptConnection: records every event it is handed. */
export const handler = async (event: SNSEvent) => {
  received.push(event);
  if (failuresLeft > 0) {
    failuresLeft -= 1;
    throw new Error('EC2 is unreachable');
  }
  return { records: event.Records.length };
};
