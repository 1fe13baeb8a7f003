// Dates in the province's time zone: "today" in Lạng Sơn is not "today" in UTC after 17:00 UTC.
export const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** ISO date (YYYY-MM-DD) of `at` in Vietnam. */
export function isoDateInVietnam(at: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: PROVINCE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
