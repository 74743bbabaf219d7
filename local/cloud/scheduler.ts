import type { CloudStore } from './cloud-store';
import type { Clock } from './clock';
import type { ScheduledEvent } from './cloud-state';

export type EventHandler = (payload: Readonly<Record<string, string>>, event: ScheduledEvent) => void;

/**
 * AWS's asynchronous side: a resource that becomes `available` later, an ENI
 * released a while after its owner is gone. Events are kept in the state, so
 * a restart resumes them; they run in due order before every request and on
 * a timer, so they happen even while nobody is asking.
 */
export class Scheduler {
  private readonly handlers = new Map<string, EventHandler>();

  constructor(
    private readonly store: CloudStore,
    private readonly clock: Clock,
  ) {}

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
    const state = this.store.state;
    const event: ScheduledEvent = { id: state.nextEventId++, due, type, payload };
    state.scheduled.push(event);
    this.store.markDirty();
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
    const scheduled = this.store.state.scheduled;
    return scheduled.length === 0 ? undefined : Math.min(...scheduled.map((event) => event.due));
  }

  private takeNextDue(): ScheduledEvent | undefined {
    const scheduled = this.store.state.scheduled;
    const now = this.clock.now();
    let index = -1;
    scheduled.forEach((event, i) => {
      const best = scheduled[index];
      if (event.due <= now && (!best || event.due < best.due || (event.due === best.due && event.id < best.id))) index = i;
    });
    if (index < 0) return undefined;
    this.store.markDirty();
    return scheduled.splice(index, 1)[0];
  }
}
