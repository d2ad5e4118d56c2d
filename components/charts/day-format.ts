// Browser-safe labels for `YYYY-MM-DD` days; UTC so server and browser print the same.
const short = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const long = new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });

export const shortDay = (day: string) => short.format(new Date(`${day}T00:00:00Z`));
export const longDay = (day: string) => long.format(new Date(`${day}T00:00:00Z`));
