import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { FORMULA_START, toCsvRecords } from "./csv";
import { csvRecordCounter } from "./record-counter";

const parse = (csv: string) => Papa.parse<string[]>(csv, { newline: "\r\n", skipEmptyLines: false }).data;
const bytes = (text: string) => new TextEncoder().encode(text);

describe("toCsvRecords", () => {
  it.each([
    ['=HYPERLINK("https://evil.test","click")', `"'=HYPERLINK(""https://evil.test"",""click"")"`],
    ["+1+2", `"'+1+2"`],
    ["-2+3+cmd|' /C calc'!A0", `"'-2+3+cmd|' /C calc'!A0"`],
    ["@SUM(A1:A2)", `"'@SUM(A1:A2)"`],
    ["\t=1", `"'\t=1"`],
    ["\r=1", `"'\r=1"`],
  ])("neutralises a cell starting with a formula character: %j", (cell, expected) => {
    expect(toCsvRecords([[cell]])).toBe(`${expected}\r\n`);
    expect(parse(toCsvRecords([[cell]]))[0]).toEqual([`'${cell}`]);
  });

  it("neutralises a formula that goes on over several lines (Papa's own escapeFormulae lets it through)", () => {
    const cell = '=HYPERLINK("https://evil.test")\nsecond line';
    expect(Papa.unparse([[cell]], { escapeFormulae: true })).not.toContain("'=");
    expect(toCsvRecords([[cell]])).toBe(`"'=HYPERLINK(""https://evil.test"")\nsecond line"\r\n`);
  });

  it("leaves harmless text, numbers, dates and empty cells alone", () => {
    const joined = new Date("2026-11-30T09:08:07.654Z");
    expect(toCsvRecords([["Ada", "a=b", " =x", 12, -3, joined, null, undefined, ""]])).toBe(
      `Ada,a=b," =x",12,-3,2026-11-30T09:08:07.654Z,,,\r\n`,
    );
  });

  it("quotes per RFC 4180: commas, doubled quotes, line breaks; one CRLF per record", () => {
    const csv = toCsvRecords([
      ["a,b", 'say "hi"', "two\nlines", "crlf\r\ninside"],
      ["Zoë", "日本", "plain", ""],
    ]);
    expect(csv).toBe(`"a,b","say ""hi""","two\nlines","crlf\r\ninside"\r\nZoë,日本,plain,\r\n`);
    expect(parse(csv).slice(0, 2)).toEqual([
      ["a,b", 'say "hi"', "two\nlines", "crlf\r\ninside"],
      ["Zoë", "日本", "plain", ""],
    ]);
    expect(toCsvRecords([])).toBe("");
  });

  it("round-trips any text, with exactly the dangerous cells prefixed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: "binary" }), { minLength: 2, maxLength: 4 }), { minLength: 1 }),
        (rows) => {
          const csv = toCsvRecords(rows);
          const expected = rows.map((row) => row.map((cell) => (FORMULA_START.test(cell) ? `'${cell}` : cell)));
          expect(parse(csv).slice(0, rows.length)).toEqual(expected);
          expect(csvRecordCounter().add(bytes(csv))).toBe(rows.length);
        },
      ),
    );
  });
});

describe("csvRecordCounter", () => {
  it("counts records across chunk boundaries, not line breaks inside quoted cells", () => {
    const csv = bytes(
      toCsvRecords([
        ["id", "name"],
        ["1", "two\nlines"],
        ["2", 'a "quoted"\r\nname'],
        ["3", "Zoë"],
      ]),
    );
    for (let cut = 0; cut <= csv.length; cut++) {
      const counter = csvRecordCounter();
      counter.add(csv.subarray(0, cut));
      expect(counter.add(csv.subarray(cut))).toBe(4);
    }
  });
});
