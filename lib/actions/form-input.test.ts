import { describe, expect, it } from "vitest";
import { formInput, formValues } from "./form-input";

const form = (entries: [string, string | File][]) => {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
};

describe("formInput", () => {
  it("reads one key per field, a repeated field as an array, and drops Next's own fields", () => {
    const file = new File(["type,email"], "people.csv");
    const input = formInput(
      form([
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", "{}"],
        ["name", "Spring"],
        ["sources", "API"],
        ["sources", "Import"],
        ["file", file],
      ]),
    );
    expect(input).toEqual({ name: "Spring", sources: ["API", "Import"], file });
  });
});

describe("formValues", () => {
  it("keeps text fields to show again, never files or the fields it is told to omit", () => {
    const values = formValues(
      form([
        ["email", "ada@example.com"],
        ["password", "hunter22"],
        ["file", new File(["x"], "x.csv")],
        ["$ACTION_REF_1", ""],
      ]),
      ["password"],
    );
    expect(values).toEqual({ email: "ada@example.com" });
  });
});
