// Dates in the province's time zone: "today" in Lạng Sơn is not "today" in UTC after 17:00 UTC.
export const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

// Built once: constructing an Intl.DateTimeFormat costs about a millisecond, and every request asks
// for today's date. en-CA formats as YYYY-MM-DD.
const VIETNAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: PROVINCE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** ISO date (YYYY-MM-DD) of `at` in Vietnam. */
export function isoDateInVietnam(at: Date = new Date()): string {
  return VIETNAM_DATE.format(at);
}
