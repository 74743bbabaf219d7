import type { CloudStore, Table } from './cloud-store';
import type { Clock } from './clock';

export interface ScheduledEvent {
  /** The event's number as text, its row's key. */
  readonly id: string;
  /** Numbers events in the order they were scheduled, to run those due at the same moment in that order. */
  readonly seq: number;
  /** Epoch milliseconds at which the event is due. */
  readonly due: number;
  readonly type: string;
  readonly payload: Readonly<Record<string, string>>;
}

/** The number the next scheduled event gets. */
interface EventCounter {
  readonly id: typeof NEXT_EVENT_COUNTER;
  readonly value: number;
}

export const SCHEDULED_TABLE = 'cloud.scheduled';
export const COUNTERS_TABLE = 'cloud.counters';
export const NEXT_EVENT_COUNTER = 'scheduler.nextEventId';

export type EventHandler = (payload: Readonly<Record<string, string>>, event: ScheduledEvent) => void;

/**
 * AWS's asynchronous side: a resource that becomes `available` later, an ENI
 * released a while after its owner is gone. Events are kept in the state, so
 * a restart resumes them; they run in due order before every request and on
 * a timer, so they happen even while nobody is asking.
 */
export class Scheduler {
  private readonly handlers = new Map<string, EventHandler>();
  private readonly events: Table<ScheduledEvent>;
  private readonly counters: Table<EventCounter>;

  constructor(
    store: CloudStore,
    private readonly clock: Clock,
  ) {
    this.events = store.table(SCHEDULED_TABLE);
    this.counters = store.table(COUNTERS_TABLE);
  }

  on(type: string, handler: EventHandler): void {
    if (this.handlers.has(type)) throw new Error(`a handler for scheduled event ${type} is already registered`);
    this.handlers.set(type, handler);
  }

  /** Schedules `type` to happen after `awsSeconds` of AWS time (scaled by the clock). */
  after(awsSeconds: number, type: string, payload: Record<string, string>): void {
    this.at(this.clock.now() + this.clock.scaled(awsSeconds), type, payload);
  }

  /** Schedules `type` at `due` (epoch ms), for a change that keeps its own timetable. */
  at(due: number, type: string, payload: Record<string, string>): void {
    if (!this.handlers.has(type)) throw new Error(`no handler registered for scheduled event ${type}`);
    const seq = this.counters.get(NEXT_EVENT_COUNTER)?.value ?? 1;
    this.counters.put({ id: NEXT_EVENT_COUNTER, value: seq + 1 });
    this.events.put({ id: String(seq), seq, due, type, payload });
  }

  /** Runs every event that is due, including those that due events schedule for now. */
  runDue(): number {
    let ran = 0;
    for (let event = this.takeNextDue(); event; event = this.takeNextDue()) {
      const handler = this.handlers.get(event.type);
      if (!handler) throw new Error(`no handler registered for scheduled event ${event.type}`);
      handler(event.payload, event);
      ran++;
    }
    return ran;
  }

  /** Epoch ms of the earliest pending event. */
  nextDue(): number | undefined {
    const scheduled = this.events.all();
    return scheduled.length === 0 ? undefined : Math.min(...scheduled.map((event) => event.due));
  }

  private takeNextDue(): ScheduledEvent | undefined {
    const now = this.clock.now();
    let best: ScheduledEvent | undefined;
    for (const event of this.events.all()) {
      if (event.due <= now && (!best || event.due < best.due || (event.due === best.due && event.seq < best.seq))) best = event;
    }
    if (best) this.events.delete(best.id);
    return best;
  }
}
