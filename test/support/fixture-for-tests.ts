/**
 * A fixture made before the tests of a file (or `describe` block) and taken
 * down after them. The returned object is filled in when they start, so
 * tests and later hooks read its fields as they would a `let` set in
 * `beforeAll`.
 */
export function fixtureForTests<T extends object>(start: () => Promise<T>, stop: (fixture: T) => Promise<void>): T {
  const fixture = {} as T;
  beforeAll(async () => {
    Object.assign(fixture, await start());
  });
  afterAll(() => stop(fixture));
  return fixture;
}
