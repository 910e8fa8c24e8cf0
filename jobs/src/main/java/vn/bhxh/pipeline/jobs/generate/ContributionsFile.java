package vn.bhxh.pipeline.jobs.generate;

import java.io.IOException;
import java.util.SplittableRandom;
import vn.bhxh.pipeline.common.time.Period;

/**
 * One contributions file: a row per voluntary participant (payer_id = their person_id) and a row
 * per employer with at least one compulsory participant in the month, due = 32% of its wage × its
 * insured persons.
 */
final class ContributionsFile implements MonthlyFiles.PersonSink {
  /** Voluntary participants who skip a month's payment. */
  static final double VOLUNTARY_MISSED_PAYMENT_SHARE = 0.04;

  private final CsvWriter out;
  private final SplittableRandom random;
  private final SyntheticPopulation.MonthRates month;
  private final byte[] periodBytes;
  private final byte[] provinceBytes;
  private int[] insured;

  ContributionsFile(
      CsvWriter out,
      SplittableRandom random,
      SyntheticPopulation.MonthRates month,
      String provinceCode) {
    this.out = out;
    this.random = random;
    this.month = month;
    this.periodBytes = CsvWriter.ascii(month.period().toString());
    this.provinceBytes = CsvWriter.ascii(provinceCode);
  }

  @Override
  public void startHome(Home home) {
    insured = new int[home.employers()];
  }

  @Override
  public void person(Home home, Person person) throws IOException {
    if (person.si == Person.SiState.COMPULSORY) {
      insured[person.employer]++;
    } else if (person.si == Person.SiState.VOLUNTARY) {
      long due = voluntaryDue(person, month);
      boolean missed = random.nextDouble() < VOLUNTARY_MISSED_PAYMENT_SHARE;
      out.code(periodBytes).code(provinceBytes).digits(person.idValue, person.idWidth);
      out.code(Codes.PAYER_INDIVIDUAL).number(due);
      out.number(missed ? 0 : due).number(missed ? due : 0).number(missed ? 1 : 0).empty();
      out.endRow();
    }
  }

  /** The employers' rows of a home, once its persons are counted. */
  @Override
  public void endHome(Home home) throws IOException {
    for (int index = 0; index < insured.length; index++) {
      if (insured[index] == 0) {
        continue;
      }
      Employer employer = Employer.of(home, index);
      Employer.Payment payment = employer.payment(month, insured[index]);
      out.code(periodBytes).code(provinceBytes).digits(employer.taxCode(), 10);
      out.code(Codes.PAYER_EMPLOYER).number(payment.due());
      out.number(payment.paid()).number(payment.arrears()).number(payment.monthsOverdue());
      out.code(employer.eTransactions() ? Codes.YES : Codes.NO);
      out.endRow();
    }
  }

  /** 22% of a declared income between 1.5M and 5M VND (2023), stable per person. */
  static long voluntaryDue(Person person, SyntheticPopulation.MonthRates month) {
    double income =
        Amounts.roundToThousand(
            (1_500_000 + 3_500_000 * person.stableAmountShare) * month.wageFactor());
    return Math.round(SyntheticPopulation.VOLUNTARY_CONTRIBUTION_RATE * income);
  }

  /**
   * What a home's payers owe in a month, without the random missed payments: the basis of the
   * collection targets.
   */
  static long dueOfHome(SyntheticPopulation population, Home home, Period period) {
    SyntheticPopulation.MonthRates month = population.month(period);
    Person person = new Person();
    int[] insured = new int[home.employers()];
    long total = 0;
    int size = population.poolSize(home, period.year());
    for (int index = 0; index < size; index++) {
      population.evaluate(home, index, month, person);
      if (person.si == Person.SiState.COMPULSORY) {
        insured[person.employer]++;
      } else if (person.si == Person.SiState.VOLUNTARY) {
        total += voluntaryDue(person, month);
      }
    }
    for (int index = 0; index < insured.length; index++) {
      if (insured[index] > 0) {
        total += Employer.of(home, index).payment(month, insured[index]).due();
      }
    }
    return total;
  }
}
