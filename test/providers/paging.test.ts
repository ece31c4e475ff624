import { pageWindow, remembered, type NumberedPage, type PageMemo } from '../../src/providers/paging.js';

/** Windows over numbered vendor pages, read through a per-request memo (`PageQuery.pages`). */
describe('remembered vendor pages', () => {
  const rows = Array.from({ length: 250 }, (_, i) => i);
  function vendor(failFirst = false) {
    const calls: Array<[number, number]> = [];
    let failing = failFirst;
    const fetch = async (page: number, size: number): Promise<NumberedPage<number>> => {
      calls.push([page, size]);
      if (failing) {
        failing = false;
        throw new Error('vendor down');
      }
      const items = rows.slice((page - 1) * size, page * size);
      return { items, last: page * size >= rows.length, total: null };
    };
    return { calls, fetch };
  }

  it('reads a vendor page once for every window that falls in it', async () => {
    const v = vendor();
    const memo: PageMemo = new Map();
    const pages = remembered(memo, 'accounts', v.fetch);
    expect((await pageWindow(0, 26, 100, pages)).items).toEqual(rows.slice(0, 26));
    expect((await pageWindow(26, 25, 100, pages)).items).toEqual(rows.slice(26, 51));
    expect((await pageWindow(90, 20, 100, pages)).items).toEqual(rows.slice(90, 110));
    expect((await pageWindow(200, 100, 100, pages)).total).toBe(250);
    expect(v.calls).toEqual([
      [1, 100],
      [2, 100],
      [3, 100],
    ]);
  });

  it('keeps lists and page sizes apart, and reads again without a memo', async () => {
    const v = vendor();
    const memo: PageMemo = new Map();
    await pageWindow(0, 10, 100, remembered(memo, 'accounts', v.fetch));
    await pageWindow(0, 10, 100, remembered(memo, 'accounts:ACTIVE', v.fetch));
    await pageWindow(0, 10, 50, remembered(memo, 'accounts', v.fetch));
    await pageWindow(0, 10, 100, remembered(undefined, 'accounts', v.fetch));
    expect(v.calls).toEqual([
      [1, 100],
      [1, 100],
      [1, 50],
      [1, 100],
    ]);
  });

  it('does not remember a failed read', async () => {
    const v = vendor(true);
    const pages = remembered(new Map(), 'accounts', v.fetch);
    await expect(pageWindow(0, 10, 100, pages)).rejects.toThrow('vendor down');
    expect((await pageWindow(0, 10, 100, pages)).items).toEqual(rows.slice(0, 10));
    expect(v.calls).toHaveLength(2);
  });
});
