import { describe, expect, it } from "vitest";
import { redactForPublic } from "../../src/services/analytics-views.ts";

const r = { minCell: 5, restricted: new Set<string>() };

describe("redactForPublic", () => {
  it("hides the ratios of windows when the operation's released count is hidden", () => {
    const row = {
      operation_id: "op",
      announced: 14,
      released_documented: 3,
      ratio_basis: "documented",
      windows: [{ days: 30, admissions: 12, replacement_ratio: 4, stock_change: -1 }],
    };
    // 12 / 4 = 3: the ratio would give the hidden count back.
    expect(redactForPublic([row], r)).toEqual([
      {
        operation_id: "op",
        announced: 14,
        released_documented: null,
        ratio_basis: "documented",
        windows: [{ days: 30, admissions: 12, replacement_ratio: null, stock_change: null }],
      },
    ]);
  });

  it("keeps the ratios when every count is shown", () => {
    const row = { released_documented: 52, windows: [{ admissions: 26, replacement_ratio: 0.5 }] };
    expect(redactForPublic(row, r)).toEqual(row);
  });

  it("does not hide a sibling's figures", () => {
    const rows = [
      { released_documented: 2, windows: [{ admissions: 10, replacement_ratio: 5 }] },
      { released_documented: 50, windows: [{ admissions: 10, replacement_ratio: 0.2 }] },
    ];
    const out = redactForPublic(rows, r) as typeof rows;
    expect(out[0]?.windows[0]?.replacement_ratio).toBeNull();
    expect(out[1]?.windows[0]?.replacement_ratio).toBe(0.2);
  });
});
