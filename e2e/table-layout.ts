import type { Locator } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * Each visible header cell stands over the visible cell of its column in the table's first body row: a header that
 * bunches over one column, or data shifted right of its header, fails here although every text is on the page.
 */
export async function expectHeadersOverColumns(table: Locator): Promise<void> {
  const boxes = (cells: Locator) =>
    cells.evaluateAll((elements) =>
      elements
        .map((element) => element.getBoundingClientRect())
        .filter((box) => box.width > 0 && box.height > 0)
        .map((box) => ({ left: box.left, right: box.right })),
    );
  const headers = await boxes(table.locator("thead > tr > th"));
  const cells = await boxes(table.locator("tbody > tr").first().locator("> td, > th"));
  expect(headers.length, "the table has visible header cells").toBeGreaterThan(0);
  expect(cells.length, "as many data cells show as headers").toBe(headers.length);
  headers.forEach((header, index) => {
    const cell = cells[index]!;
    expect(Math.abs(header.left - cell.left), `column ${index + 1} starts under its header`).toBeLessThan(2);
    expect(Math.abs(header.right - cell.right), `column ${index + 1} ends under its header`).toBeLessThan(2);
  });
  expect(await table.locator("thead thead").count(), "no header nested in a header").toBe(0);
}
