import { describe, expect, it } from "vitest";
import * as schema from "./schema";
import * as enums from "./enums";

describe("browser-safe enum values", () => {
  it("match the schema's pgEnums value for value, in order", () => {
    expect(enums.participantKinds).toEqual(schema.participantKindEnum.enumValues);
    expect(enums.userSources).toEqual(schema.userSourceEnum.enumValues);
    expect(enums.leadStatuses).toEqual(schema.leadStatusEnum.enumValues);
    expect(enums.rewardModes).toEqual(schema.rewardModeEnum.enumValues);
    expect(enums.deliveryStatuses).toEqual(schema.deliveryStatusEnum.enumValues);
  });
});
