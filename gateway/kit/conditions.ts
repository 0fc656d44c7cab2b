// A SQL where clause assembled filter by filter, each value bound as the next numbered parameter, so list
// routes never count `$n` by hand and never put a value into the SQL text.
export class Conditions {
  readonly where: string[] = [];
  readonly params: unknown[] = [];

  /** Starts from a condition whose parameters are numbered from $1, such as a data-scope condition. */
  constructor(first?: { sql: string; params: readonly unknown[] }) {
    if (first) {
      this.where.push(first.sql);
      this.params.push(...first.params);
    }
  }

  /** Adds `sql`, which receives the placeholder (`$n`) bound to `value`. */
  add(sql: (placeholder: string) => string, value: unknown): this {
    this.params.push(value);
    this.where.push(sql(`$${this.params.length}`));
    return this;
  }

  /** Binds `value` as the next parameter and returns its placeholder, for a condition built in parts. */
  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a condition without a value. */
  also(sql: string): this {
    this.where.push(sql);
    return this;
  }

  get sql(): string {
    return this.where.join(' and ') || 'true';
  }
}

/** An ILIKE pattern matching `text` anywhere, with its own `%`, `_` and `\` taken literally. */
export const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
