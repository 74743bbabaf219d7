import { Duration } from 'aws-cdk-lib';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface CleanupScheduleProps {
  readonly cleanup: IStateMachine;
  readonly everyMinutes: number;
}

/** EventBridge Scheduler starting the cleanup workflow at a fixed rate (what `vpce-lab local --cleanup-every` stands in for). */
export class CleanupSchedule extends Construct {
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: CleanupScheduleProps) {
    super(scope, id);
    this.schedule = new Schedule(this, 'Schedule', {
      scheduleName: 'vpce-lab-cleanup',
      description: 'Tears down every vpce-lab run whose vpce-lab:expires-at has passed',
      schedule: ScheduleExpression.rate(Duration.minutes(props.everyMinutes)),
      target: new StepFunctionsStartExecution(props.cleanup, {
        // cleanup.asl.json takes no input: it finds the expired runs by their tags.
        input: ScheduleTargetInput.fromObject({}),
        retryAttempts: 2,
        // A start that cannot happen before the next one is due is not worth making late.
        maxEventAge: Duration.minutes(props.everyMinutes),
      }),
    });
  }
}
