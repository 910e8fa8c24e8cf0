package vn.bhxh.pipeline.jobs.generate;

import java.io.IOException;
import java.util.SplittableRandom;
import vn.bhxh.pipeline.common.geo.Province;
import vn.bhxh.pipeline.common.time.Period;

/**
 * One benefits file: the claims and payments settled in the month for the persons the province
 * reports. Monthly payments (pensions, survivor and work-injury allowances, unemployment benefit)
 * go to the same persons month after month; one-off payments and health-insurance claims are drawn
 * from the file's own random stream. Monthly rates are orders of magnitude of VSS 2023 figures:
 * about 14% of the insured see a doctor in a month, 1.4% are admitted to hospital.
 */
final class BenefitsFile {
  static final double OUTPATIENT_ONE_CLAIM = 0.12;
  static final double OUTPATIENT_TWO_CLAIMS = 0.01;
  static final double INPATIENT = 0.014;
  static final double SICKNESS = 0.035;
  static final double MATERNITY_WOMEN_20_TO_40 = 0.012;
  static final double PATERNITY_MEN_20_TO_45 = 0.003;
  static final double WORK_INJURY = 0.0003;
  static final double LUMP_SUM_WITHDRAWAL = 0.0025;
  static final double FUNERAL = 0.0008;

  private BenefitsFile() {}

  static void write(SyntheticPopulation population, Period period, Province province, CsvWriter out)
      throws IOException {
    SplittableRandom random =
        GenerateJob.fileRandom(population.seed(), LandingDataset.BENEFITS, period, province);
    SyntheticPopulation.MonthRates month = population.month(period);
    long baseSalary = Amounts.baseSalary(period);
    Person person = new Person();
    Claims claims = new Claims(out, period, province);
    for (Home home : population.homesReportedBy(province)) {
      int size = population.poolSize(home, period.year());
      for (int index = 0; index < size; index++) {
        population.evaluate(home, index, month, person);
        if (person.hi) {
          double visits = random.nextDouble();
          int outpatient =
              visits < OUTPATIENT_TWO_CLAIMS
                  ? 2
                  : visits < OUTPATIENT_TWO_CLAIMS + OUTPATIENT_ONE_CLAIM ? 1 : 0;
          for (int claim = 0; claim < outpatient; claim++) {
            claims.oneOff(person, "HI_OUTPATIENT", Amounts.logNormal(random, 350_000, 0.9));
          }
          if (random.nextDouble() < INPATIENT) {
            claims.oneOff(person, "HI_INPATIENT", Amounts.logNormal(random, 6_000_000, 1.0));
          }
        }
        int age = person.ageIn(period.year());
        if (person.si == Person.SiState.COMPULSORY) {
          long wage = Employer.of(home, person.employer).wage(month);
          if (random.nextDouble() < SICKNESS) {
            int days = 1 + random.nextInt(14);
            claims.oneOff(person, "SICKNESS", Amounts.roundToThousand(0.75 * wage / 24 * days));
          }
          if (person.gender == 'F' && age >= 20 && age <= 40) {
            if (random.nextDouble() < MATERNITY_WOMEN_20_TO_40) {
              claims.oneOff(person, "MATERNITY", 6 * wage + 2 * baseSalary);
            }
          } else if (person.gender == 'M' && age >= 20 && age <= 45) {
            if (random.nextDouble() < PATERNITY_MEN_20_TO_45) {
              claims.oneOff(person, "MATERNITY", Amounts.roundToThousand(wage / 24.0 * 5));
            }
          }
          if (random.nextDouble() < WORK_INJURY) {
            claims.oneOff(person, "WORK_INJURY", Amounts.logNormal(random, 25_000_000, 0.8));
          }
        }
        if (person.monthsSinceLeftCompulsory >= 0) {
          long wage = Employer.of(home, person.employer).wage(month);
          claims.monthly(person, "UNEMPLOYMENT", Amounts.roundToThousand(0.6 * wage));
        }
        if (person.workingAge
            && person.si == Person.SiState.NONE
            && random.nextDouble() < LUMP_SUM_WITHDRAWAL) {
          claims.oneOff(person, "OLD_AGE", Amounts.logNormal(random, 40_000_000, 0.7));
        }
        double stable = person.stableAmountShare;
        if (person.pensioner) {
          double pension = (3_000_000 + 9_000_000 * stable * stable) * month.wageFactor();
          claims.monthly(person, "OLD_AGE", Amounts.roundToThousand(pension));
        }
        if (person.survivorAllowance) {
          claims.monthly(person, "SURVIVOR", Amounts.roundToThousand(0.5 * baseSalary));
        }
        if (person.workInjuryAllowance) {
          claims.monthly(
              person, "WORK_INJURY", Amounts.roundToThousand((0.3 + stable) * baseSalary));
        }
        if (person.ageClass == Person.AgeClass.ELDERLY && random.nextDouble() < FUNERAL) {
          claims.oneOff(person, "SURVIVOR", 10 * baseSalary);
        }
      }
    }
  }

  /** Writes claims with IDs unique in the file: {@code PP-YYYYMM-NNNNNNNN}. */
  private static final class Claims {
    private final CsvWriter out;
    private final String period;
    private final String province;
    private final int provinceNumber;
    private final int yearMonth;
    private long sequence;

    Claims(CsvWriter out, Period period, Province province) {
      this.out = out;
      this.period = period.toString();
      this.province = province.code();
      this.provinceNumber = Integer.parseInt(province.code());
      this.yearMonth = period.year() * 100 + period.month();
    }

    void oneOff(Person person, String regime, long amount) throws IOException {
      write(person, regime, "ONE_OFF", amount);
    }

    void monthly(Person person, String regime, long amount) throws IOException {
      write(person, regime, "MONTHLY", amount);
    }

    private void write(Person person, String regime, String paymentType, long amount)
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
