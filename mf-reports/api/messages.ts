// The annual reports area's server texts other than its errors: its 待办 titles.
import { defineMessages } from '@wgzj/gateway/kit';

export const reportMessages = defineMessages('reports', {
  'todo.annualReportReview': { 'zh-CN': '{year}年度报告待审核:{unit}', 'en-US': 'Annual report {year} to review: {unit}' },
});

export const { t } = reportMessages;
