import { labEnvironment, labSettings } from '../../functions/lab/lab-settings';

test('what the stack and the local runtime write with labEnvironment is what every step reads back with labSettings', () => {
  const settings = {
    instanceProfile: 'arn:aws:iam::123456789012:instance-profile/vpce-lab-instances',
    allowedPrincipals: ['arn:aws:iam::210987654321:root'],
    connectionTopicArn: 'arn:aws:sns:ap-northeast-2:123456789012:vpce-lab-connections',
    acceptGraceSeconds: 15,
    acceptAllowedOwners: ['123456789012', '210987654321'],
    labRunStateMachineArn: 'arn:aws:states:ap-northeast-2:123456789012:stateMachine:vpce-lab-lab-run',
  };
  expect(labSettings(labEnvironment(settings))).toEqual(settings);
});

test('a setting left out or an empty list sets no variable, so the step keeps its default', () => {
  expect(labEnvironment({ allowedPrincipals: [], acceptGraceSeconds: undefined, connectionTopicArn: 'arn:aws:sns:ap-northeast-2:123456789012:t' })).toEqual({
    CONNECTION_TOPIC_ARN: 'arn:aws:sns:ap-northeast-2:123456789012:t',
  });
  expect(labSettings(labEnvironment({})).acceptGraceSeconds).toBe(60);
});

test('a grace period out of range is refused with the variable named', () => {
  expect(() => labSettings(labEnvironment({ acceptGraceSeconds: 3601 }))).toThrow("ACCEPT_GRACE_SECONDS must be a whole number of seconds from 0 to 3600, not '3601'");
});
