package vn.bhxh.pipeline.jobs.generate;

import vn.bhxh.pipeline.common.schema.ContributionsColumns;

/**
 * The contract's enumeration values the generator writes, as ASCII bytes ready for {@link
 * CsvWriter} (CONTRACT §1; the lists are in the *Columns classes, and a test checks every value
 * written against them).
 */
final class Codes {
  static final byte[] SI_COMPULSORY = CsvWriter.ascii("SI_COMPULSORY");
  static final byte[] SI_VOLUNTARY = CsvWriter.ascii("SI_VOLUNTARY");
  static final byte[] UI = CsvWriter.ascii("UI");
  static final byte[] HI = CsvWriter.ascii("HI");

  static final byte[] EMPLOYER = CsvWriter.ascii("EMPLOYER");
  static final byte[] STATE_BUDGET = CsvWriter.ascii("STATE_BUDGET");
  static final byte[] BUDGET_SUPPORTED = CsvWriter.ascii("BUDGET_SUPPORTED");
  static final byte[] HOUSEHOLD = CsvWriter.ascii("HOUSEHOLD");
  static final byte[] OTHER = CsvWriter.ascii("OTHER");

  static final byte[] MALE = CsvWriter.ascii("M");
  static final byte[] FEMALE = CsvWriter.ascii("F");

  static final byte[] PAYER_EMPLOYER = CsvWriter.ascii(ContributionsColumns.PAYER_TYPE_EMPLOYER);
  static final byte[] PAYER_INDIVIDUAL =
      CsvWriter.ascii(ContributionsColumns.PAYER_TYPE_INDIVIDUAL);
  static final byte[] YES = CsvWriter.ascii("Y");
  static final byte[] NO = CsvWriter.ascii("N");

  static final byte[] SICKNESS = CsvWriter.ascii("SICKNESS");
  static final byte[] MATERNITY = CsvWriter.ascii("MATERNITY");
  static final byte[] WORK_INJURY = CsvWriter.ascii("WORK_INJURY");
  static final byte[] OLD_AGE = CsvWriter.ascii("OLD_AGE");
  static final byte[] SURVIVOR = CsvWriter.ascii("SURVIVOR");
  static final byte[] UNEMPLOYMENT = CsvWriter.ascii("UNEMPLOYMENT");
  static final byte[] HI_INPATIENT = CsvWriter.ascii("HI_INPATIENT");
  static final byte[] HI_OUTPATIENT = CsvWriter.ascii("HI_OUTPATIENT");

  static final byte[] ONE_OFF = CsvWriter.ascii("ONE_OFF");
  static final byte[] MONTHLY = CsvWriter.ascii("MONTHLY");

  private Codes() {}
}
