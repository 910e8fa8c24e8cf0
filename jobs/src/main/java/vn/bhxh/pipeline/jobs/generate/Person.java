package vn.bhxh.pipeline.jobs.generate;

/**
 * The state of one synthetic person in one month, filled in place by {@link
 * SyntheticPopulation#evaluate} (one instance per file is reused for every person: the hot loop
 * allocates nothing).
 */
final class Person {
  /** Social-insurance state in the month. */
  enum SiState {
    NONE,
    COMPULSORY,
    VOLUNTARY
  }

  /** Stage of life, fixed per person. */
  enum AgeClass {
    CHILD,
    WORKING_AGE,
    OTHER_ADULT,
    ELDERLY
  }

  int index;
  long key;

  /** The ID as a number, written with {@link #idWidth} digits (10: SI number, 12: citizen ID). */
  long idValue;

  int idWidth;
  boolean workingAge;
  AgeClass ageClass;
  char gender;
  int birthYear;
  int districtCode;
  SiState si;
  boolean ui;
  boolean hi;

  /** One of {@link Codes}' HI groups. */
  byte[] hiGroup;

  int employer;

  /** Months since the person left compulsory SI (0 = this month), or -1 if not recently. */
  int monthsSinceLeftCompulsory;

  boolean pensioner;
  boolean survivorAllowance;
  boolean workInjuryAllowance;

  /** A stable uniform for amounts that stay the same month after month (pensions, incomes). */
  double stableAmountShare;

  /** Age reached in a year (birth year clamped to the year, see {@link #birthYearIn}). */
  int ageIn(int year) {
    return year - birthYearIn(year);
  }

  /**
   * The birth year to report in a year: persons are modelled around 2023, so for earlier months a
   * young child's birth year is clamped to the month's year (the contract wants birth_year ≤ year).
   */
  int birthYearIn(int year) {
    return Math.min(birthYear, year);
  }
}
