/**
 * Every item of a paginated call, so accounts with many resources work: the
 * one drain of the SDK's `paginate...` iterators. With `atMost`, stops
 * asking for pages once that many items are in (the first `atMost` are kept).
 */
export async function collect<Page, Item>(pages: AsyncIterable<Page>, items: (page: Page) => readonly Item[] | undefined, atMost = Infinity): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) {
    all.push(...(items(page) ?? []));
    if (all.length >= atMost) break;
  }
  return all.slice(0, atMost);
}
