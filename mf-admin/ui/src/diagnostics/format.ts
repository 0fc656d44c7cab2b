// Times on the diagnostics screens: Beijing time like everywhere else, but to the second, since attempts a few
// seconds apart must be told apart when support matches them against what a user reports.
import { formatShanghaiDateTimeSeconds } from '@wgzj/gateway/kit/shared/dates';

/** `2026-11-28 09:30:05` in Asia/Shanghai; empty string for a missing or invalid value. */
export const formatDateTimeSeconds = formatShanghaiDateTimeSeconds;
