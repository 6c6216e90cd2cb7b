/**
 * The one error the portfolio analytics throw for a book or an option they cannot measure (a month
 * that is not `YYYY-MM`, a negative balance, a loan whose borrower changes between months). It is a
 * `RangeError`, as the house rules ask for invalid input, and carries the message in both languages so
 * that a route or the CLI can show it to the user in theirs.
 */
export class PortfolioInputError extends RangeError {
  readonly en: string;
  readonly zh: string;

  constructor(en: string, zh: string) {
    super(en);
    this.name = 'PortfolioInputError';
    this.en = en;
    this.zh = zh;
  }
}
