// Fixed locale and zone: server and browser render identical text, so hydration never differs.
const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatDateTime = (value: Date | string | null | undefined) =>
  value ? `${dateTime.format(new Date(value))} UTC` : "—";
