package vn.bhxh.pipeline.jobs.generate;

/**
 * A synthetic employer: its attributes are hashes of (home, index), so it keeps them every month.
 * About one in eight is prone to arrears: it falls behind for 1–8 months in a cycle of 12–36, pays
 * part of what is due meanwhile, and settles the whole arrears the month after.
 *
 * @param taxCode 10-digit tax code
 * @param wage2023 mean insured monthly wage in 2023, VND
 * @param eTransactions registered for electronic transactions (about 95%)
 */
record Employer(
    long taxCode,
    long wage2023,
    boolean eTransactions,
    boolean arrearsProne,
    int cycleMonths,
    int arrearsMonths,
    int cycleOffset,
    double paidShareInArrears) {

  static final double E_TRANSACTION_SHARE = 0.95;
  static final double ARREARS_PRONE_SHARE = 0.12;
  private static final double[] PAID_SHARES_IN_ARREARS = {0.0, 0.3, 0.6};

  /** The employer {@code index} of a home. */
  static Employer of(Home home, int index) {
    long key = Mix.combine(Mix.combine(home.salt(), "employer"), index);
    double spread = 0.35 * Amounts.standardNormal(Mix.attribute(key, 1), Mix.attribute(key, 2));
    long wage = Amounts.roundToThousand(home.meanWage2023() * StrictMath.exp(spread - 0.06125));
    int cycle = 12 + (int) (25 * Mix.unit(Mix.attribute(key, 5)));
    double lengthDraw = Mix.unit(Mix.attribute(key, 6));
    return new Employer(
        SyntheticPopulation.taxCode(home, index),
        Math.max(Amounts.REGIONAL_MINIMUM_WAGE_2023, wage),
        Mix.unit(Mix.attribute(key, 3)) < E_TRANSACTION_SHARE,
        Mix.unit(Mix.attribute(key, 4)) < ARREARS_PRONE_SHARE,
        cycle,
        1 + (int) (8 * lengthDraw * lengthDraw),
        (int) (cycle * Mix.unit(Mix.attribute(key, 7))),
        PAID_SHARES_IN_ARREARS[(int) (3 * Mix.unit(Mix.attribute(key, 8)))]);
  }

  /** Mean insured wage in a month, VND. */
  long wage(SyntheticPopulation.MonthRates month) {
    return Amounts.roundToThousand(wage2023 * month.wageFactor());
  }

  /** What the employer owes and pays in a month for its insured persons. */
  Payment payment(SyntheticPopulation.MonthRates month, int insured) {
    long due =
        Math.round(SyntheticPopulation.EMPLOYER_CONTRIBUTION_RATE * wage(month) * (double) insured);
    if (!arrearsProne) {
      return new Payment(due, due, 0, 0);
    }
    int position = Math.floorMod(month.index() + cycleOffset, cycleMonths);
    long shortfall = due - Math.round(due * paidShareInArrears);
    if (position < arrearsMonths) {
      int overdue = position + 1;
      return new Payment(due, due - shortfall, shortfall * overdue, overdue);
    }
    if (position == arrearsMonths) {
      return new Payment(due, due + shortfall * arrearsMonths, 0, 0); // settles the arrears
    }
    return new Payment(due, due, 0, 0);
  }

  /** One month of a payer's account, VND. */
  record Payment(long due, long paid, long arrears, int monthsOverdue) {}
}
