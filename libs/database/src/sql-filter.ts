/** Builds a WHERE clause from optional conditions, numbering the query parameters as it goes. */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Adds `condition` (with one `?` for the value) when a value is given. */
  when(value: unknown, condition: string): this {
    if (value === undefined || value === null || value === '') return this;
    this.conditions.push(condition.replace('?', this.param(value)));
    return this;
  }

  /** Adds a condition that is always there, with the values for its `?`s in order. */
  always(condition: string, ...values: unknown[]): this {
    this.conditions.push(values.reduce<string>((sql, v) => sql.replace('?', this.param(v)), condition));
    return this;
  }

  /** `WHERE a AND b`, or nothing. */
  get sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }

  /** The placeholder for one more parameter, e.g. for LIMIT and OFFSET. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}
