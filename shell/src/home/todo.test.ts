import { describe, expect, it } from 'vitest';
import { loadTodos, type AreaTodoResponse } from './todo.ts';

describe('loadTodos', () => {
  it('shows the other areas when one area fails', async () => {
    const answers: Record<string, AreaTodoResponse | Error> = {
      '/api/projects/todo': { count: 2, items: [{ title: '计划待审核', link: '/projects/plans/1', createdAt: '2026-11-01T02:00:00Z' }] },
      '/api/experts/todo': new Error('502'),
      '/api/reports/todo': { count: 1, items: [{ title: '年度报告待提交', link: '/reports', createdAt: '2026-11-20T02:00:00Z' }] },
      '/api/admin/todo': { count: 0, items: [] },
    };
    const summary = await loadTodos(async (path) => {
      const answer = answers[path];
      if (!answer || answer instanceof Error) throw answer ?? new Error('404');
      return answer;
    });
    expect(summary.failedAreas).toEqual(['experts']);
    expect(summary.count).toBe(3);
    expect(summary.items.map((i) => i.area)).toEqual(['reports', 'projects']); // newest first
  });
});
