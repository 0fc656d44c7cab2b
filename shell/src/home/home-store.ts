// What the home page and the header badge show: latest notices and the aggregated to-do.
import { defineStore } from 'pinia';
import type { TodoSummary } from './todo.ts';

export interface NoticeSummary {
  id: string;
  title: string;
  publishedAt: string;
}

export const useHomeStore = defineStore('shell-home', {
  state: () => ({
    todo: null as TodoSummary | null,
    todoLoading: false,
    /** null until the first answer, so the card never says "no notices" while they are still on their way. */
    notices: null as NoticeSummary[] | null,
    noticesLoading: false,
    noticesError: '',
  }),
});
