package vn.bhxh.pipeline.jobs.generate;

import java.io.IOException;
import java.util.SplittableRandom;
import vn.bhxh.pipeline.common.time.Period;

/**
 * One benefits file: the claims and payments settled in the month for the persons the province
 * reports. Monthly payments (pensions, survivor and work-injury allowances, unemployment benefit)
 * go to the same persons month after month; one-off payments and health-insurance claims are drawn
 * from the file's own random stream. Monthly rates are orders of magnitude of VSS 2023 figures:
 * about 14% of the insured see a doctor in a month, 1.4% are admitted to hospital.
 */
final class BenefitsFile implements MonthlyFiles.PersonSink {
  static final double OUTPATIENT_ONE_CLAIM = 0.12;
  static final double OUTPATIENT_TWO_CLAIMS = 0.01;
  static final double INPATIENT = 0.014;
  static final double SICKNESS = 0.035;
  static final double MATERNITY_WOMEN_20_TO_40 = 0.012;
  static final double PATERNITY_MEN_20_TO_45 = 0.003;
  static final double WORK_INJURY = 0.0003;
  static final double LUMP_SUM_WITHDRAWAL = 0.0025;
  static final double FUNERAL = 0.0008;

  private final SplittableRandom random;
  private final SyntheticPopulation.MonthRates month;
  private final int year;
  private final long baseSalary;
  private final Claims claims;

  BenefitsFile(
      CsvWriter out,
      SplittableRandom random,
      SyntheticPopulation.MonthRates month,
      String provinceCode) {
    this.random = random;
    this.month = month;
    this.year = month.period().year();
    this.baseSalary = Amounts.baseSalary(month.period());
    this.claims = new Claims(out, month.period(), provinceCode);
  }

  @Override
  public void person(Home home, Person person) throws IOException {
    if (person.hi) {
      double visits = random.nextDouble();
      int outpatient =
          visits < OUTPATIENT_TWO_CLAIMS
              ? 2
              : visits < OUTPATIENT_TWO_CLAIMS + OUTPATIENT_ONE_CLAIM ? 1 : 0;
      for (int claim = 0; claim < outpatient; claim++) {
        claims.oneOff(person, Codes.HI_OUTPATIENT, Amounts.logNormal(random, 350_000, 0.9));
      }
      if (random.nextDouble() < INPATIENT) {
        claims.oneOff(person, Codes.HI_INPATIENT, Amounts.logNormal(random, 6_000_000, 1.0));
      }
    }
    int age = person.ageIn(year);
    if (person.si == Person.SiState.COMPULSORY) {
      // The wage is looked up only for the few who claim: it costs an employer's hashes.
      if (random.nextDouble() < SICKNESS) {
        int days = 1 + random.nextInt(14);
        long wage = wage(home, person, month);
        claims.oneOff(person, Codes.SICKNESS, Amounts.roundToThousand(0.75 * wage / 24 * days));
      }
      if (person.gender == 'F' && age >= 20 && age <= 40) {
        if (random.nextDouble() < MATERNITY_WOMEN_20_TO_40) {
          claims.oneOff(person, Codes.MATERNITY, 6 * wage(home, person, month) + 2 * baseSalary);
        }
      } else if (person.gender == 'M' && age >= 20 && age <= 45) {
        if (random.nextDouble() < PATERNITY_MEN_20_TO_45) {
          long wage = wage(home, person, month);
          claims.oneOff(person, Codes.MATERNITY, Amounts.roundToThousand(wage / 24.0 * 5));
        }
      }
      if (random.nextDouble() < WORK_INJURY) {
        claims.oneOff(person, Codes.WORK_INJURY, Amounts.logNormal(random, 25_000_000, 0.8));
      }
    }
    if (person.monthsSinceLeftCompulsory >= 0) {
      long wage = wage(home, person, month);
      claims.monthly(person, Codes.UNEMPLOYMENT, Amounts.roundToThousand(0.6 * wage));
    }
    if (person.workingAge
        && person.si == Person.SiState.NONE
        && random.nextDouble() < LUMP_SUM_WITHDRAWAL) {
      claims.oneOff(person, Codes.OLD_AGE, Amounts.logNormal(random, 40_000_000, 0.7));
    }
    double stable = person.stableAmountShare;
    if (person.pensioner) {
      double pension = (3_000_000 + 9_000_000 * stable * stable) * month.wageFactor();
      claims.monthly(person, Codes.OLD_AGE, Amounts.roundToThousand(pension));
    }
    if (person.survivorAllowance) {
      claims.monthly(person, Codes.SURVIVOR, Amounts.roundToThousand(0.5 * baseSalary));
    }
    if (person.workInjuryAllowance) {
      claims.monthly(
          person, Codes.WORK_INJURY, Amounts.roundToThousand((0.3 + stable) * baseSalary));
    }
    if (person.ageClass == Person.AgeClass.ELDERLY && random.nextDouble() < FUNERAL) {
      claims.oneOff(person, Codes.SURVIVOR, 10 * baseSalary);
    }
  }

  /** The insured wage of a person's (last) employer. */
  private static long wage(Home home, Person person, SyntheticPopulation.MonthRates month) {
    return Employer.of(home, person.employer).wage(month);
  }

  /** Writes claims with IDs unique in the file: {@code PP-YYYYMM-NNNNNNNN}. */
  private static final class Claims {
    private final CsvWriter out;
    private final byte[] period;
    private final byte[] province;
    private final int provinceNumber;
    private final int yearMonth;
    private long sequence;

    Claims(CsvWriter out, Period period, String provinceCode) {
      this.out = out;
      this.period = CsvWriter.ascii(period.toString());
      this.province = CsvWriter.ascii(provinceCode);
      this.provinceNumber = Integer.parseInt(provinceCode);
      this.yearMonth = period.year() * 100 + period.month();
    }

    void oneOff(Person person, byte[] regime, long amount) throws IOException {
      write(person, regime, Codes.ONE_OFF, amount);
    }

    void monthly(Person person, byte[] regime, long amount) throws IOException {
      write(person, regime, Codes.MONTHLY, amount);
    }

    private void write(Person person, byte[] regime, byte[] paymentType, long amount)
        throws IOException {
      sequence++;
      out.code(period).code(province);
      out.digits(provinceNumber, 2).appendChar('-').appendDigits(yearMonth, 6).appendChar('-');
      out.appendDigits(sequence, 8);
      out.digits(person.idValue, person.idWidth).code(regime).code(paymentType).number(amount);
      out.endRow();
    }
  }
}
